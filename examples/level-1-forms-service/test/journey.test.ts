import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startService, validAnswers, pdfBytes } from './helpers.js';

describe('citizen journey: apply for a Discretionary Housing Payment', () => {
  let service: Awaited<ReturnType<typeof startService>>;
  before(async () => (service = await startService()));
  after(() => service.stop());

  it('takes a citizen from start to confirmation and sends the case and the email', async () => {
    const browser = service.browser();
    const start = await browser.get('/apply/start');
    assert.equal(start.status, 200);
    assert.match(await start.text(), /Start now/);

    const steps: Array<[string, Record<string, string>, string]> = [
      ['/apply/personal-details', validAnswers.personalDetails, '/apply/address'],
      ['/apply/address', validAnswers.address, '/apply/household'],
      ['/apply/household', validAnswers.household, '/apply/evidence'],
    ];
    for (const [path, form, next] of steps) {
      assert.equal((await browser.get(path)).status, 200);
      const res = await browser.post(path, form);
      assert.equal(res.status, 302, path);
      assert.equal(res.headers.get('location'), next);
    }

    assert.equal((await browser.get('/apply/check-answers')).headers.get('location'), '/apply/evidence', 'evidence is required');
    const upload = await browser.upload('/apply/evidence', 'tenancy.pdf', 'application/pdf', pdfBytes);
    assert.equal(upload.headers.get('location'), '/apply/evidence');
    assert.match(await (await browser.get('/apply/evidence')).text(), /<li>tenancy.pdf<\/li>/);

    const check = await browser.get('/apply/check-answers');
    const html = await check.text();
    assert.equal(check.status, 200);
    for (const shown of ['Sam Jones', 'JH123456C', 'LS1 4AP', '£650.50', 'Adults: 1, children: 2', 'tenancy.pdf']) {
      assert.ok(html.includes(shown), `check answers shows ${shown}`);
    }

    const submit = await browser.post('/apply/submit', {});
    assert.equal(submit.headers.get('location'), '/apply/confirmation');
    const confirmation = await (await browser.get('/apply/confirmation')).text();
    assert.match(confirmation, /DHP-1001/);

    assert.equal(service.caseApi.documents.length, 1);
    assert.ok(service.caseApi.documents[0].includes(Buffer.from('tenancy agreement')));
    const [sent] = service.caseApi.applications;
    assert.equal(sent.personalDetails.nationalInsuranceNumber, 'JH123456C');
    assert.equal(sent.household.monthlyRent, 650.5);
    assert.deepEqual(sent.evidence, [{ documentId: 'doc-1', filename: 'tenancy.pdf', sizeBytes: pdfBytes.length }]);

    assert.equal(service.notifier.sent.length, 1);
    assert.equal(service.notifier.sent[0].email, 'sam.jones@example.com');
    assert.equal(service.notifier.sent[0].reference, 'DHP-1001');

    const again = await browser.get('/apply/check-answers');
    assert.equal(again.headers.get('location'), '/apply/personal-details', 'answers are cleared after submission');
  });

  it('returns to check answers after changing an answer', async () => {
    const browser = service.browser();
    await browser.post('/apply/personal-details', validAnswers.personalDetails);
    const res = await browser.post('/apply/address?change=true', validAnswers.address);
    assert.equal(res.headers.get('location'), '/apply/check-answers');
  });

  it('does not show a confirmation without a submission', async () => {
    const res = await service.browser().get('/apply/confirmation');
    assert.equal(res.headers.get('location'), '/apply/start');
  });
});
