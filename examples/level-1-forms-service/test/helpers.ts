import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import session from 'express-session';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import type { Submission } from '../src/application.js';
import { HttpCaseApi } from '../src/clients/case-api.js';
import type { Notifier } from '../src/clients/notify.js';

export async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A stand-in for the council's case-management API, listening on 127.0.0.1. */
export class FakeCaseApi {
  applications: Array<Record<string, any>> = [];
  documents: Buffer[] = [];
  failSubmissions = false;
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    if (req.headers.authorization !== 'Bearer test-key') return reply(401, { error: 'unauthorised' });
    if (req.method === 'POST' && req.url === '/v1/documents') {
      this.documents.push(body);
      return reply(201, { documentId: `doc-${this.documents.length}` });
    }
    if (req.method === 'POST' && req.url === '/v1/dhp-applications') {
      if (this.failSubmissions) return reply(502, { error: 'upstream unavailable' });
      this.applications.push(JSON.parse(body.toString()));
      return reply(201, { reference: `DHP-${1000 + this.applications.length}` });
    }
    reply(404, { error: 'not found' });
  });
}

export class FakeNotifier implements Notifier {
  sent: Submission[] = [];
  async sendConfirmation(submission: Submission) {
    this.sent.push(submission);
  }
}

/** Starts the real app on 127.0.0.1 with an in-memory session store and faked dependencies. */
export async function startService() {
  const caseApi = new FakeCaseApi();
  const caseApiUrl = await listen(caseApi.server);
  const notifier = new FakeNotifier();
  const app = createApp({
    sessionStore: new session.MemoryStore(),
    sessionSecret: 'test-secret',
    caseApi: new HttpCaseApi(caseApiUrl, 'test-key', 2_000),
    notifier,
    logger: pino({ level: 'silent' }),
    secureCookies: false,
  });
  const server = createServer(app);
  const baseUrl = await listen(server);
  return {
    baseUrl,
    caseApi,
    notifier,
    browser: () => new Browser(baseUrl),
    async stop() {
      server.closeAllConnections();
      caseApi.server.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => caseApi.server.close(r))]);
    },
  };
}

/** Keeps the session cookie between requests and does not follow redirects, like a careful citizen. */
export class Browser {
  private cookie = '';
  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}) {
    const res = await fetch(this.baseUrl + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookie },
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(form) });
  }

  upload(path: string, filename: string, type: string, content: Uint8Array<ArrayBuffer>) {
    const body = new FormData();
    body.append('evidence', new Blob([content], { type }), filename);
    return this.request(path, { method: 'POST', body });
  }
}

export const validAnswers = {
  personalDetails: {
    fullName: 'Sam Jones',
    'dateOfBirth-day': '27',
    'dateOfBirth-month': '3',
    'dateOfBirth-year': '1980',
    nationalInsuranceNumber: 'jh 12 34 56 c',
    email: 'sam.jones@example.com',
    phoneNumber: '07700 900982',
  },
  address: { addressLine1: '1 High Street', addressLine2: '', town: 'Leeds', postcode: 'ls1 4ap' },
  household: { benefit: 'universal-credit', adults: '1', children: '2', monthlyRent: '650.50', reason: 'My hours at work were cut.' },
};

export const pdfBytes = new TextEncoder().encode('%PDF-1.4\n% tenancy agreement\n%%EOF\n');

/** Walks a citizen up to check-answers with valid answers and one uploaded document. */
export async function completeForm(browser: Browser) {
  await browser.get('/apply/start');
  await browser.post('/apply/personal-details', validAnswers.personalDetails);
  await browser.post('/apply/address', validAnswers.address);
  await browser.post('/apply/household', validAnswers.household);
  await browser.upload('/apply/evidence', 'tenancy.pdf', 'application/pdf', pdfBytes);
}
