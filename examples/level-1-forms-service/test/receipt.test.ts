import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderReceipt } from '../src/receipt.js';
import { completeForm, startService } from './helpers.js';

describe('PDF receipt', () => {
  let service: Awaited<ReturnType<typeof startService>>;
  before(async () => (service = await startService()));
  after(() => service.stop());

  it('renders a PDF document', async () => {
    const pdf = await renderReceipt({
      reference: 'DHP-42', submittedAt: '2025-04-01T09:00:00Z', fullName: 'Sam Jones',
      email: 'sam@example.com', monthlyRent: 650, evidenceCount: 1,
    });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.subarray(-8).toString(), /%%EOF/);
    assert.ok(pdf.includes('DHP application DHP-42'), 'title metadata names the reference');
  });

  it('lets the citizen download their receipt after submitting', async () => {
    const browser = service.browser();
    await completeForm(browser);
    await browser.post('/apply/submit', {});
    const res = await browser.get('/apply/receipt.pdf');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition') ?? '', /dhp-receipt-DHP-1001\.pdf/);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  });

  it('does not give a receipt to someone who has not applied', async () => {
    const res = await service.browser().get('/apply/receipt.pdf');
    assert.equal(res.status, 404);
  });
});
