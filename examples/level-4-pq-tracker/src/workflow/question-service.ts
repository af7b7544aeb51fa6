import type { Knex } from 'knex';
import { recordAuditEvent } from '../audit/audit-repository.js';
import { HttpError, IllegalTransitionError, NotFoundError } from '../errors.js';
import { toQuestion, type Assignee, type Question, type StaffUser } from '../questions/types.js';
import { nextStatus, TRANSITIONS, type WorkflowAction } from './transitions.js';

export type ActionPayload =
  | { action: 'assign'; assignee: Assignee }
  | { action: 'draft'; answerText: string }
  | { action: 'submit_for_clearance' }
  | { action: 'return_to_drafter'; comment: string }
  | { action: 'clear' };

export class QuestionService {
  constructor(private readonly db: Knex) {}

  async list(filter: { status?: string; deadlineFlag?: string }): Promise<Question[]> {
    const query = this.db('questions').orderBy('date_for_answer').limit(500);
    if (filter.status) query.where('status', filter.status);
    if (filter.deadlineFlag) query.where('deadline_flag', filter.deadlineFlag);
    return (await query).map(toQuestion);
  }

  async get(id: number): Promise<Question> {
    const row = await this.db('questions').where({ id }).first();
    if (!row) throw new NotFoundError(`Question ${id}`);
    return toQuestion(row);
  }

  /** Applies one workflow step and its audit event in a single transaction. */
  async apply(id: number, payload: ActionPayload, user: StaffUser): Promise<Question> {
    const required = TRANSITIONS[payload.action].role;
    if (required && !user.roles.includes(required)) {
      throw new HttpError(403, `${payload.action} needs the ${required} role`);
    }
    return this.db.transaction(async (trx) => {
      const row = await trx('questions').where({ id }).forUpdate().first();
      if (!row) throw new NotFoundError(`Question ${id}`);
      const from = toQuestion(row).status;
      const to = nextStatus(payload.action, from);
      if (!to) throw new IllegalTransitionError(payload.action, from);

      const detail = await this.sideEffects(trx, id, payload, user);
      const [updated] = await trx('questions')
        .where({ id })
        .update({ status: to, updated_at: trx.fn.now(), ...(to === 'answered' ? { answered_at: trx.fn.now() } : {}) })
        .returning('*');
      await recordAuditEvent(trx, { questionId: id, action: payload.action, fromStatus: from, toStatus: to, actor: user.email, detail });
      return toQuestion(updated);
    });
  }

  private async sideEffects(trx: Knex.Transaction, id: number, payload: ActionPayload, user: StaffUser) {
    switch (payload.action) {
      case 'assign':
        await trx('assignments').insert({
          question_id: id,
          policy_team: payload.assignee.policyTeam,
          assignee_full_name: payload.assignee.fullName,
          assignee_email: payload.assignee.email,
          assigned_by: user.email,
        });
        return { policyTeam: payload.assignee.policyTeam, assigneeEmail: payload.assignee.email };
      case 'draft': {
        const latest = await trx('drafts').where({ question_id: id }).max('version as v').first();
        const version = Number(latest?.v ?? 0) + 1;
        await trx('drafts').insert({ question_id: id, version, answer_text: payload.answerText, author_email: user.email });
        await trx('questions').where({ id }).update({ answer_text: payload.answerText });
        return { draftVersion: version };
      }
      case 'return_to_drafter':
        return { comment: payload.comment };
      default:
        return undefined;
    }
  }
}

export type { WorkflowAction };
