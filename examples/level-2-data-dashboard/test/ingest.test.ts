import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestSource, type IngestDeps } from '../src/ingest.js';
import { createMetrics } from '../src/metrics.js';
import { InMemoryRepository } from '../src/repository.js';
import { householdsSource } from '../src/sources/ons-api.js';
import { housingSupplySource } from '../src/sources/stats-api.js';
import { fakeApi, json, onsPayload, statsPayload } from './fixtures.js';

const quiet = { info() {}, warn() {}, error() {} } as unknown as IngestDeps['logger'];
const fast = { retries: 2, retryDelayMs: 5, timeoutMs: 300 };

describe('ingestion from the departmental APIs', () => {
  let stats: Awaited<ReturnType<typeof fakeApi>>;
  let ons: Awaited<ReturnType<typeof fakeApi>>;
  before(async () => {
    stats = await fakeApi(json(200, statsPayload()));
    ons = await fakeApi(json(200, onsPayload()));
  });
  after(async () => {
    await stats.close();
    await ons.close();
  });

  const setup = () => {
    const repo = new InMemoryRepository();
    const metrics = createMetrics();
    const deps: IngestDeps = {
      repo,
      metrics,
      logger: quiet,
      sources: { 'housing-supply': housingSupplySource(stats.url, 'k-123', fast), households: householdsSource(ons.url, fast) },
      now: () => new Date('2025-01-10T06:00:00Z'),
    };
    return { repo, metrics, deps };
  };

  it('stores a valid dataset and records the successful run', async () => {
    const { repo, metrics, deps } = setup();
    stats.respond(json(200, statsPayload()));
    await ingestSource('housing-supply', deps);
    assert.equal(stats.requests.at(-1)!.headers['x-api-key'], 'k-123');
    assert.match(stats.requests.at(-1)!.url!, /^\/v1\/housing-supply\/net-additional-dwellings/);
    const stored = await repo.getDataset('housing-supply');
    assert.equal(stored?.records.length, 5);
    assert.equal(stored?.ingestedAt, '2025-01-10T06:00:00.000Z');
    assert.deepEqual(await repo.statuses(), [
      { source: 'housing-supply', lastAttemptAt: '2025-01-10T06:00:00.000Z', lastSuccessAt: '2025-01-10T06:00:00.000Z', lastError: undefined },
    ]);
    assert.match(await metrics.registry.metrics(), /dashboard_ingestion_runs_total\{source="housing-supply",outcome="success"\} 1/);
  });

  it('retries a 5xx and succeeds on a later attempt', async () => {
    const { repo, deps } = setup();
    let calls = 0;
    ons.respond((req, res) => (++calls < 3 ? json(503, { error: 'busy' })(req, res) : json(200, onsPayload())(req, res)));
    await ingestSource('households', deps);
    assert.equal(calls, 3);
    assert.equal((await repo.getDataset('households'))?.records.length, 3);
  });

  it('keeps the last good data and records the error when a payload is malformed', async () => {
    const { repo, metrics, deps } = setup();
    stats.respond(json(200, statsPayload()));
    await ingestSource('housing-supply', deps);
    const good = await repo.getDataset('housing-supply');

    stats.respond(json(200, { dataset: 'net-additional-dwellings', published: '2025-01-09', rows: [] }));
    await ingestSource('housing-supply', { ...deps, now: () => new Date('2025-01-10T07:00:00Z') });
    assert.deepEqual(await repo.getDataset('housing-supply'), good);
    const [status] = await repo.statuses();
    assert.equal(status.lastSuccessAt, '2025-01-10T06:00:00.000Z');
    assert.equal(status.lastAttemptAt, '2025-01-10T07:00:00.000Z');
    assert.match(status.lastError!, /malformed payload: data: Required/);
    assert.match(await metrics.registry.metrics(), /outcome="failed"\} 1/);
  });

  it('gives up after its retries when the API hangs, without storing anything', async () => {
    const { repo, deps } = setup();
    let calls = 0;
    ons.respond(() => void calls++);
    await ingestSource('households', deps);
    assert.equal(calls, 3);
    assert.equal(await repo.getDataset('households'), undefined);
    assert.match((await repo.statuses())[0].lastError!, /failed after 3 attempts/);
  });

  it('does not retry a 4xx', async () => {
    const { repo, deps } = setup();
    let calls = 0;
    stats.respond((req, res) => (calls++, json(403, { error: 'bad key' })(req, res)));
    await ingestSource('housing-supply', deps);
    assert.equal(calls, 1);
    assert.match((await repo.statuses())[0].lastError!, /responded 403/);
  });

  it('records partial datasets in the metrics', async () => {
    const { metrics, deps } = setup();
    stats.respond(json(200, statsPayload([...statsPayload().data, { area_code: 'nope' }])));
    await ingestSource('housing-supply', deps);
    const text = await metrics.registry.metrics();
    assert.match(text, /outcome="partial"\} 1/);
    assert.match(text, /dashboard_rejected_records\{source="housing-supply"\} 1/);
  });
});
