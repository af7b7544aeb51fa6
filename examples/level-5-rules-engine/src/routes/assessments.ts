import type { Server } from '@hapi/hapi';
import type { AssessmentService } from '../assessments/service.js';
import type { CrpSubmission, StaffUser } from '../assessments/types.js';
import type { AuditRepository } from '../audit/audit-repository.js';
import { renderReport } from '../report/pdf.js';
import type { RulesetRegistry } from '../rules/rulesets.js';
import { createAssessmentSchema, idParams, submissionSchema } from './schemas.js';

export function registerAssessmentRoutes(server: Server, service: AssessmentService, audit: AuditRepository, rulesets: RulesetRegistry): void {
  const id = (request: { params: Record<string, unknown> }) => request.params.id as string;
  const user = (request: { auth: { credentials: { user?: unknown } } }) => request.auth.credentials.user as StaffUser;

  server.route({
    method: 'GET',
    path: '/rulesets',
    handler: () => ({
      rulesets: rulesets.list().map((r) => ({ version: r.version, title: r.title, effectiveFrom: r.effectiveFrom, requirements: r.rules.length })),
    }),
  });

  server.route({
    method: 'POST',
    path: '/assessments',
    options: { validate: { payload: createAssessmentSchema } },
    handler: async (request, h) => {
      const input = request.payload as Parameters<AssessmentService['create']>[0];
      return h.response(await service.create(input, user(request))).code(201);
    },
  });

  server.route({
    method: 'GET',
    path: '/assessments/{id}',
    options: { validate: { params: idParams } },
    handler: (request) => service.get(id(request)),
  });

  server.route({
    method: 'PUT',
    path: '/assessments/{id}/submission',
    options: { validate: { params: idParams, payload: submissionSchema } },
    handler: (request) => service.reassess(id(request), request.payload as CrpSubmission, user(request)),
  });

  server.route({
    method: 'POST',
    path: '/assessments/{id}/submit',
    options: { validate: { params: idParams } },
    handler: (request) => service.submit(id(request), user(request)),
  });

  server.route({
    method: 'GET',
    path: '/assessments/{id}/audit',
    options: { validate: { params: idParams } },
    handler: async (request) => {
      await service.get(id(request));
      return { events: await audit.listForAssessment(id(request)) };
    },
  });

  server.route({
    method: 'GET',
    path: '/assessments/{id}/report.pdf',
    options: { validate: { params: idParams } },
    handler: async (request, h) => {
      const assessment = await service.get(id(request));
      const pdf = await renderReport(assessment);
      await service.recordReportDownload(assessment, user(request));
      return h
        .response(pdf)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="crp-assessment-${assessment.id}.pdf"`);
    },
  });
}
