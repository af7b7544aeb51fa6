import { z } from 'zod';
import { fetchJson, type FetchOptions } from './http.js';
import { parsePayload } from './parse.js';
import type { CompletionRecord, Source } from './types.js';

const areaCode = z.string().regex(/^E0[6-9]\d{6}$/, 'not an English local authority code');
const count = z.number().int().min(-100_000).max(100_000);

const envelope = z
  .object({
    dataset: z.literal('net-additional-dwellings'),
    published: z.string().date(),
    data: z.array(z.unknown()),
  })
  .transform((p) => ({ records: p.data, publishedAt: p.published }));

const record = z
  .object({
    area_code: areaCode,
    area_name: z.string().min(1),
    region_name: z.string().min(1),
    financial_year: z.string().regex(/^\d{4}-\d{2}$/),
    net_additions: count,
    affordable_completions: count.nonnegative(),
  })
  .transform(
    (r): CompletionRecord => ({
      areaCode: r.area_code,
      areaName: r.area_name,
      regionName: r.region_name,
      financialYear: r.financial_year,
      netAdditions: r.net_additions,
      affordableCompletions: r.affordable_completions,
    }),
  );

export function parseHousingSupply(json: unknown) {
  return parsePayload('Housing supply statistics API', json, envelope, record);
}

/** Departmental housing statistics API: net additional dwellings by local authority. */
export function housingSupplySource(baseUrl: string, apiKey: string, fetchOptions: FetchOptions = {}): Source<CompletionRecord> {
  return {
    id: 'housing-supply',
    title: 'Housing supply statistics',
    async load() {
      const json = await fetchJson(`${baseUrl}/v1/housing-supply/net-additional-dwellings?from=2019-20`, {
        headers: { 'x-api-key': apiKey },
        timeoutMs: 15_000,
        retries: 3,
        ...fetchOptions,
      });
      return parseHousingSupply(json);
    },
  };
}
