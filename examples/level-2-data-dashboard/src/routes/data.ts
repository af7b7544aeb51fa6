import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { toCsv } from '../csv.js';
import type { Dashboard } from '../dashboard.js';
import type { SourceFreshness } from '../freshness.js';

function sendCsv(reply: FastifyReply, filename: string, csv: string, freshness: SourceFreshness[]) {
  // Downloads carry the same freshness warning as the pages, in headers so the CSV stays clean.
  const worst = freshness.find((f) => f.state !== 'current')?.state ?? 'current';
  const lastSuccess = freshness.map((f) => f.lastSuccessAt).filter(Boolean).sort()[0];
  if (lastSuccess) reply.header('last-modified', new Date(lastSuccess).toUTCString());
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-data-freshness', worst)
    .send(csv);
}

const unavailable = (reply: FastifyReply) => reply.code(503).type('text/plain').send('This dataset is not available yet.\n');

export const dataRoutes: FastifyPluginAsync<{ dashboard: Dashboard }> = async (app, { dashboard }) => {
  app.get('/net-additional-dwellings.csv', async (_request, reply) => {
    const s = await dashboard.load();
    if (!s.completions) return unavailable(reply);
    const csv = toCsv(
      [
        { header: 'area_code', value: (r) => r.areaCode },
        { header: 'area_name', value: (r) => r.areaName },
        { header: 'region_name', value: (r) => r.regionName },
        { header: 'financial_year', value: (r) => r.financialYear },
        { header: 'net_additional_dwellings', value: (r) => r.netAdditions },
        { header: 'affordable_completions', value: (r) => r.affordableCompletions },
      ],
      s.completions.records,
    );
    return sendCsv(reply, 'net-additional-dwellings.csv', csv, s.freshness.filter((f) => f.source === 'housing-supply'));
  });

  app.get('/households.csv', async (_request, reply) => {
    const s = await dashboard.load();
    if (!s.households) return unavailable(reply);
    const csv = toCsv(
      [
        { header: 'area_code', value: (r) => r.areaCode },
        { header: 'area_name', value: (r) => r.areaName },
        { header: 'year', value: (r) => r.year },
        { header: 'households', value: (r) => r.households },
      ],
      s.households.records,
    );
    return sendCsv(reply, 'households.csv', csv, s.freshness.filter((f) => f.source === 'households'));
  });

  app.get('/homes-per-1000-households.csv', async (_request, reply) => {
    const s = await dashboard.load();
    const rates = s.rates();
    if (!rates) return unavailable(reply);
    const csv = toCsv(
      [
        { header: 'area_code', value: (r) => r.areaCode },
        { header: 'area_name', value: (r) => r.areaName },
        { header: 'region_name', value: (r) => r.regionName },
        { header: 'financial_year', value: () => s.year! },
        { header: 'net_additional_dwellings', value: (r) => r.netAdditions },
        { header: 'households', value: (r) => r.households },
        { header: 'per_1000_households', value: (r) => r.per1000Households },
      ],
      rates,
    );
    return sendCsv(reply, 'homes-per-1000-households.csv', csv, s.freshness);
  });
};
