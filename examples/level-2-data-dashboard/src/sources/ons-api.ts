import { z } from 'zod';
import { fetchJson, type FetchOptions } from './http.js';
import { parsePayload } from './parse.js';
import type { HouseholdRecord, Source } from './types.js';

const envelope = z
  .object({
    id: z.literal('household-estimates'),
    release_date: z.string().datetime({ offset: true }),
    observations: z.array(z.unknown()),
  })
  .transform((p) => ({ records: p.observations, publishedAt: p.release_date.slice(0, 10) }));

const record = z
  .object({
    geography_code: z.string().regex(/^E0[6-9]\d{6}$/),
    geography_name: z.string().min(1),
    year: z.number().int().min(2000).max(2100),
    households: z.number().int().positive(),
  })
  .transform(
    (o): HouseholdRecord => ({
      areaCode: o.geography_code,
      areaName: o.geography_name,
      year: o.year,
      households: o.households,
    }),
  );

export function parseHouseholds(json: unknown) {
  return parsePayload('ONS household estimates API', json, envelope, record);
}

/** ONS API: household estimates by local authority, the denominator for per-household rates. */
export function householdsSource(baseUrl: string, fetchOptions: FetchOptions = {}): Source<HouseholdRecord> {
  return {
    id: 'households',
    title: 'ONS household estimates',
    async load() {
      const json = await fetchJson(`${baseUrl}/v1/datasets/household-estimates/editions/time-series/versions/latest/observations`, {
        timeoutMs: 10_000,
        retries: 2,
        ...fetchOptions,
      });
      return parseHouseholds(json);
    },
  };
}
