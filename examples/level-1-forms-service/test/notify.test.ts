import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { NotifyNotifier } from '../src/clients/notify.js';
import { listen } from './helpers.js';

const apiKey = 'test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

describe('NotifyNotifier', () => {
  const requests: Array<{ url?: string; auth?: string; body: any }> = [];
  const notify = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      requests.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(raw) });
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'n-1' }));
    });
  });
  let baseUrl: string;
  before(async () => (baseUrl = await listen(notify)));
  after(() => new Promise((r) => notify.close(r)));

  it('sends the confirmation email with the reference through GOV.UK Notify', async () => {
    const notifier = new NotifyNotifier(apiKey, 'template-123', baseUrl);
    await notifier.sendConfirmation({
      reference: 'DHP-7', submittedAt: '2025-04-01T09:00:00Z', fullName: 'Sam Jones',
      email: 'sam@example.com', monthlyRent: 650, evidenceCount: 1,
    });
    assert.equal(requests.length, 1);
    assert.equal(requests[0].url, '/v2/notifications/email');
    assert.match(requests[0].auth ?? '', /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.deepEqual(requests[0].body, {
      template_id: 'template-123',
      email_address: 'sam@example.com',
      personalisation: { full_name: 'Sam Jones', reference: 'DHP-7' },
      reference: 'DHP-7',
    });
  });
});
