import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_EVIDENCE_BYTES } from '../src/upload.js';
import { pdfBytes, startService } from './helpers.js';

describe('evidence upload limits', () => {
  let service: Awaited<ReturnType<typeof startService>>;
  before(async () => (service = await startService()));
  after(() => service.stop());

  it('rejects a file over 5MB without forwarding it', async () => {
    const res = await service.browser().upload('/apply/evidence', 'big.pdf', 'application/pdf', new Uint8Array(MAX_EVIDENCE_BYTES + 1));
    assert.equal(res.status, 400);
    assert.match(await res.text(), /The selected file must be smaller than 5MB/);
    assert.equal(service.caseApi.documents.length, 0);
  });

  it('rejects file types other than PDF, JPG and PNG', async () => {
    const res = await service.browser().upload('/apply/evidence', 'notes.exe', 'application/x-msdownload', pdfBytes);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /must be a PDF, JPG or PNG/);
    assert.equal(service.caseApi.documents.length, 0);
  });

  it('asks for a file when none is chosen', async () => {
    const res = await service.browser().request('/apply/evidence', { method: 'POST', body: new FormData() });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /href="#evidence">Select a file to upload/);
  });

  it('accepts a file exactly at the limit', async () => {
    const res = await service.browser().upload('/apply/evidence', 'scan.png', 'image/png', new Uint8Array(MAX_EVIDENCE_BYTES));
    assert.equal(res.status, 302);
    assert.equal(service.caseApi.documents.length, 1);
  });
});
