import { randomUUID } from 'node:crypto';
import { close, createServer, listen, readBody, sendJson } from './http-server.js';

export interface SentEmail {
  authorization: string;
  template_id: string;
  email_address: string;
  personalisation: Record<string, string>;
  reference?: string;
}

/** Local stand-in for the GOV.UK Notify API: records POST /v2/notifications/email. */
export async function startFakeNotify() {
  const sent: SentEmail[] = [];
  let failNext = false;
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req) || '{}');
    if (req.method !== 'POST' || req.url !== '/v2/notifications/email') return sendJson(res, 404, {});
    if (failNext) {
      failNext = false;
      return sendJson(res, 500, { errors: [{ error: 'Exception', message: 'Internal server error' }] });
    }
    sent.push({ authorization: req.headers.authorization ?? '', ...body });
    sendJson(res, 201, { id: randomUUID(), reference: body.reference, template: { id: body.template_id } });
  });
  const url = await listen(server);
  return {
    url,
    sent,
    failNextRequest: () => (failNext = true),
    // Notify key format: {key_name}-{service_id}-{secret_key}
    apiKey: `test_key-${randomUUID()}-${randomUUID()}`,
    close: () => close(server),
  };
}
