import { ValidationError } from '../errors.js';
import type { Assignee } from '../questions/types.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new ValidationError('id must be a positive integer');
  return id;
}

function text(body: Record<string, unknown>, field: string, max: number): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new ValidationError(`${field} is required (at most ${max} characters)`);
  }
  return value.trim();
}

export function parseAssignee(body: Record<string, unknown>): Assignee {
  const email = text(body, 'email', 254);
  if (!EMAIL.test(email)) throw new ValidationError('email must be an email address');
  return { policyTeam: text(body, 'policyTeam', 120), fullName: text(body, 'fullName', 200), email };
}

export function parseDraft(body: Record<string, unknown>): string {
  return text(body, 'answerText', 20_000);
}

export function parseComment(body: Record<string, unknown>): string {
  return text(body, 'comment', 2_000);
}
