import type { z } from 'zod';
import { MalformedPayloadError, type ParsedDataset } from './types.js';

/**
 * Validates the envelope strictly and each record on its own: a bad envelope rejects the
 * whole payload, bad records are dropped and counted so the dataset can be flagged partial.
 */
export function parsePayload<E extends { records: unknown[]; publishedAt: string }, R>(
  source: string,
  json: unknown,
  envelope: z.ZodType<E, z.ZodTypeDef, unknown>,
  record: z.ZodType<R, z.ZodTypeDef, unknown>,
): ParsedDataset<R> {
  const outer = envelope.safeParse(json);
  if (!outer.success) {
    const issue = outer.error.issues[0];
    throw new MalformedPayloadError(source, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const records: R[] = [];
  for (const raw of outer.data.records) {
    const parsed = record.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
  }
  if (records.length === 0) throw new MalformedPayloadError(source, 'no valid records');
  return { records, rejected: outer.data.records.length - records.length, publishedAt: outer.data.publishedAt };
}
