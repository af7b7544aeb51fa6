import { randomUUID } from 'node:crypto';
import Boom from '@hapi/boom';
import type { AuditRepository } from '../audit/audit-repository.js';
import { ProcurementApiError, type ProcurementClient } from '../procurement/client.js';
import { assess } from '../rules/assess.js';
import type { RulesetRegistry } from '../rules/rulesets.js';
import type { AssessmentRepository } from './assessment-repository.js';
import type { Assessment, CrpSubmission, StaffUser } from './types.js';

export interface ServiceDeps {
  assessments: AssessmentRepository;
  audit: AuditRepository;
  procurement: ProcurementClient;
  rulesets: RulesetRegistry;
  now?: () => Date;
}

export class AssessmentService {
  private readonly now: () => Date;

  constructor(private readonly deps: ServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  async create(input: { supplierId: string; procurementReference: string; submission: CrpSubmission }, user: StaffUser): Promise<Assessment> {
    const supplier = await this.procurementCall(() => this.deps.procurement.getSupplier(input.supplierId));
    const ruleset = this.deps.rulesets.current(this.today());
    const at = this.now().toISOString();
    const assessment: Assessment = {
      id: randomUUID(),
      procurementReference: input.procurementReference,
      supplier,
      rulesetVersion: ruleset.version,
      status: 'in_progress',
      submission: input.submission,
      result: await assess(ruleset, input.submission, this.today()),
      assessorEmail: user.email,
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
    };
    await this.deps.assessments.insert(assessment);
    await this.record(assessment, 'assessment_created', user, { outcome: assessment.result.outcome });
    return assessment;
  }

  async get(id: string): Promise<Assessment> {
    const assessment = await this.deps.assessments.get(id);
    if (!assessment) throw Boom.notFound(`Assessment ${id} not found`);
    return assessment;
  }

  /** Amends the submission and re-runs the rule set the assessment was started with. */
  async reassess(id: string, submission: CrpSubmission, user: StaffUser): Promise<Assessment> {
    const assessment = await this.inProgress(id);
    const result = await assess(this.deps.rulesets.get(assessment.rulesetVersion), submission, this.today());
    const updated: Assessment = { ...assessment, submission, result, updatedAt: this.now().toISOString() };
    await this.deps.assessments.update(updated);
    await this.record(updated, 'reassessed', user, { previousOutcome: assessment.result.outcome, outcome: result.outcome });
    return updated;
  }

  /** Final: tells the procurement system the outcome, then locks the assessment. */
  async submit(id: string, user: StaffUser): Promise<Assessment> {
    const assessment = await this.inProgress(id);
    const notice = {
      assessmentId: assessment.id,
      supplierId: assessment.supplier.id,
      rulesetVersion: assessment.rulesetVersion,
      outcome: assessment.result.outcome,
      unmetRequirements: assessment.result.requirements.filter((r) => !r.met).map((r) => r.requirement),
    };
    try {
      await this.procurementCall(() => this.deps.procurement.postOutcome(assessment.procurementReference, notice));
    } catch (err) {
      await this.record(assessment, 'outcome_post_failed', user, { error: (err as Error).message });
      throw err;
    }
    const at = this.now().toISOString();
    const submitted: Assessment = { ...assessment, status: 'submitted', submittedAt: at, updatedAt: at };
    await this.deps.assessments.update(submitted);
    await this.record(submitted, 'submitted', user, { outcome: submitted.result.outcome });
    return submitted;
  }

  async recordReportDownload(assessment: Assessment, user: StaffUser): Promise<void> {
    await this.record(assessment, 'report_downloaded', user, {});
  }

  private async inProgress(id: string): Promise<Assessment> {
    const assessment = await this.get(id);
    if (assessment.status !== 'in_progress') throw Boom.conflict(`Assessment ${id} has already been submitted`);
    return assessment;
  }

  private async procurementCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ProcurementApiError) throw Boom.badGateway(err.message);
      throw err;
    }
  }

  private async record(a: Assessment, action: string, user: StaffUser, detail: Record<string, unknown>): Promise<void> {
    await this.deps.audit.append({ assessmentId: a.id, action, actor: user.email, rulesetVersion: a.rulesetVersion, detail });
  }
}
