import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../src/app.js';
import { ingestSource, type IngestDeps } from '../src/ingest.js';
import { createMetrics } from '../src/metrics.js';
import { InMemoryRepository } from '../src/repository.js';
import { parseHouseholds } from '../src/sources/ons-api.js';
import { parseHousingSupply } from '../src/sources/stats-api.js';
import { completionRows, onsPayload, statsPayload } from './fixtures.js';

const quiet = { info() {}, warn() {}, error() {} } as unknown as IngestDeps['logger'];

async function start(options: { seed: boolean; extraStatsRows?: unknown[] }) {
  let clock = new Date('2025-01-10T06:00:00Z');
  const now = () => clock;
  const repo = new InMemoryRepository();
  const metrics = createMetrics();
  const sources: IngestDeps['sources'] = {
    'housing-supply': { id: 'housing-supply', title: 'Housing supply', load: async () => parseHousingSupply(statsPayload([...completionRows, ...(options.extraStatsRows ?? [])])) },
    households: { id: 'households', title: 'Households', load: async () => parseHouseholds(onsPayload()) },
  };
  if (options.seed) {
    await ingestSource('housing-supply', { repo, metrics, sources, logger: quiet, now });
    await ingestSource('households', { repo, metrics, sources, logger: quiet, now });
  }
  const app = await buildApp({ repo, metrics, now, staleAfterHours: 26 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    get: (path: string) => fetch(base + path, { redirect: 'manual' }),
    advance: (hours: number) => (clock = new Date(clock.getTime() + hours * 3_600_000)),
    close: () => app.close(),
  };
}

describe('dashboard routes with current data', () => {
  let svc: Awaited<ReturnType<typeof start>>;
  before(async () => (svc = await start({ seed: true })));
  after(() => svc.close());

  it('renders the overview with an accessible chart and its table alternative, and no script', async () => {
    const res = await svc.get('/dashboard');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<svg class="chart"[^>]*role="img" aria-labelledby="regions-title regions-desc"/);
    assert.match(html, /<caption>Net additional dwellings by region, 2023-24<\/caption>/);
    assert.match(html, /<th scope="row">North East<\/th><td class="num">1,570<\/td><td class="num">335<\/td><td class="num">2<\/td>/);
    assert.match(html, /<th scope="row">2022-23<\/th><td class="num">3,510<\/td>/);
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, /class="warning"/);
    assert.ok(Buffer.byteLength(html) < 20_000, 'light enough for old phones');
  });

  it('shows rates per local authority and says which have no household estimate', async () => {
    const html = await (await svc.get('/dashboard/local-authorities')).text();
    assert.match(html, /<th scope="row">Leeds<\/th><td class="num">Yorkshire and The Humber<\/td><td class="num">3,600<\/td><td class="num">345,000<\/td><td class="num">10.4<\/td>/);
    assert.match(html, /1 local authorities have no ONS household estimate for 2023/);
    assert.match(html, /Newcastle upon Tyne.*Not available/);
  });

  it('downloads CSVs with the right rows and a current freshness header', async () => {
    const res = await svc.get('/data/net-additional-dwellings.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('x-data-freshness'), 'current');
    assert.equal(res.headers.get('last-modified'), 'Fri, 10 Jan 2025 06:00:00 GMT');
    const lines = (await res.text()).trimEnd().split('\r\n');
    assert.equal(lines[0], 'area_code,area_name,region_name,financial_year,net_additional_dwellings,affordable_completions');
    assert.equal(lines[2], 'E06000001,Hartlepool,North East,2023-24,420,95');
    assert.equal(lines.length, 6);

    const rates = (await (await svc.get('/data/homes-per-1000-households.csv')).text()).split('\r\n');
    assert.ok(rates.includes('E08000021,Newcastle upon Tyne,North East,2023-24,1150,,'));
    assert.equal((await (await svc.get('/data/households.csv')).text()).split('\r\n')[1], 'E06000001,Hartlepool,2023,42000');
  });

  it('reports health, freshness and metrics', async () => {
    assert.deepEqual(await (await svc.get('/health')).json(), { status: 'ok', sources: { 'housing-supply': 'current', households: 'current' } });
    const { sources } = await (await svc.get('/freshness')).json();
    assert.equal(sources[0].lastSuccessAt, '2025-01-10T06:00:00.000Z');
    const metrics = await (await svc.get('/metrics')).text();
    assert.match(metrics, /dashboard_source_stale\{source="households"\} 0/);
    assert.match(metrics, /http_request_duration_seconds_count\{method="GET",route="\/dashboard",status_code="200"\}/);
    assert.equal((await svc.get('/')).headers.get('location'), '/dashboard');
  });

  it('flags the data as stale once the last success is older than the threshold', async () => {
    svc.advance(30);
    const html = await (await svc.get('/dashboard')).text();
    assert.match(html, /<div class="warning" role="alert"><h2>Some figures may not be current<\/h2>/);
    assert.match(html, /Housing supply statistics may be out of date: last updated successfully 1 days ago/);
    assert.equal((await svc.get('/data/net-additional-dwellings.csv')).headers.get('x-data-freshness'), 'stale');
    const health = await (await svc.get('/health')).json();
    assert.equal(health.status, 'degraded');
    assert.match(await (await svc.get('/metrics')).text(), /dashboard_source_stale\{source="housing-supply"\} 1/);
  });
});

describe('dashboard routes with partial or missing data', () => {
  it('flags a partial dataset on the page and in CSV headers', async () => {
    const svc = await start({ seed: true, extraStatsRows: [{ area_code: 'E06000099', net_additions: 'lots' }] });
    try {
      const html = await (await svc.get('/dashboard')).text();
      assert.match(html, /Housing supply statistics are incomplete: 1 records failed validation/);
      assert.equal((await svc.get('/data/net-additional-dwellings.csv')).headers.get('x-data-freshness'), 'partial');
    } finally {
      await svc.close();
    }
  });

  it('says no data is available instead of showing empty figures', async () => {
    const svc = await start({ seed: false });
    try {
      const html = await (await svc.get('/dashboard')).text();
      assert.match(html, /No figures are available yet/);
      assert.match(html, /Housing supply statistics are not available yet/);
      assert.equal((await svc.get('/data/net-additional-dwellings.csv')).status, 503);
      assert.equal((await svc.get('/data/homes-per-1000-households.csv')).status, 503);
    } finally {
      await svc.close();
    }
  });
});
