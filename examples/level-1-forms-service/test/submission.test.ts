import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { completeForm, startService } from './helpers.js';

describe('submission to the case-management API', () => {
  let service: Awaited<ReturnType<typeof startService>>;
  before(async () => (service = await startService()));
  after(() => service.stop());

  it('keeps the answers when the case API fails, so the citizen can retry', async () => {
    const browser = service.browser();
    await completeForm(browser);

    service.caseApi.failSubmissions = true;
    const failed = await browser.post('/apply/submit', {});
    assert.equal(failed.status, 503);
    const html = await failed.text();
    assert.match(html, /Your answers have been saved/);
    assert.match(html, /Sam Jones/);
    assert.equal(service.notifier.sent.length, 0, 'no confirmation email for a failed submission');

    service.caseApi.failSubmissions = false;
    const retry = await browser.post('/apply/submit', {});
    assert.equal(retry.headers.get('location'), '/apply/confirmation');
    assert.equal(service.caseApi.applications.length, 1);
    assert.equal(service.notifier.sent.length, 1);
  });

  it('sends the citizen back to the first unanswered step if they submit early', async () => {
    const res = await service.browser().post('/apply/submit', {});
    assert.equal(res.headers.get('location'), '/apply/check-answers');
  });
});
