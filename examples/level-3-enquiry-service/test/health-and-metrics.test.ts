import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, validEnquiry } from '../testing/harness.js';

describe('health and metrics', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  it('reports healthy when the database answers', async () => {
    const res = await h.browser().request('/health');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', checks: { database: 'ok' } });
  });

  it('reports 503 when the database does not answer', async () => {
    h.repo.healthy = false;
    try {
      const res = await h.browser().request('/health');
      assert.equal(res.status, 503);
      assert.equal((await res.json()).checks.database, 'failed');
    } finally {
      h.repo.healthy = true;
    }
  });

  it('counts submissions and Notify failures in Prometheus format', async () => {
    h.notify.failNextRequest();
    await h.browser().postForm('/enquiries/new', validEnquiry({ departmentCode: 'dfe' }));
    const text = await (await h.browser().request('/metrics')).text();
    assert.match(text, /enquiries_submitted_total\{department="dfe"\} 1/);
    assert.match(text, /notify_failures_total\{template="enquiry_received"\} 1/);
    assert.match(text, /http_request_duration_seconds_count\{method="POST",route="\/enquiries\/new",status="303"\} 1/);
  });
});
