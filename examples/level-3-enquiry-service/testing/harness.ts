import type { Server } from 'node:http';
import { NotifyClient } from 'notifications-node-client';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { OidcProvider } from '../src/auth/oidc.js';
import { createMetrics } from '../src/metrics.js';
import { NotifyCitizenNotifier } from '../src/notify/citizen-notifier.js';
import { startFakeNotify } from './fake-notify.js';
import { startFakeOidc } from './fake-oidc.js';
import { close } from './http-server.js';
import { InMemoryEnquiryRepository } from './memory-repository.js';

export const TEMPLATES = { enquiryReceivedTemplateId: 'tmpl-received', enquiryResponseTemplateId: 'tmpl-response' };

/** The real app on 127.0.0.1:0 with an in-memory repository and local fake Notify and OIDC servers. */
export async function startHarness(options: { now?: () => Date } = {}) {
  const repo = new InMemoryEnquiryRepository();
  const notify = await startFakeNotify();
  const idp = await startFakeOidc('enquiry-service', 'client-secret');
  const oidc = new OidcProvider({ issuerUrl: idp.issuer, clientId: 'enquiry-service', clientSecret: 'client-secret', redirectUri: '' });
  const app = createApp({
    repo,
    notifier: new NotifyCitizenNotifier(new NotifyClient(notify.url, notify.apiKey), TEMPLATES),
    oidc,
    metrics: createMetrics(),
    logger: pino({ level: 'silent' }),
    sessionSecret: 'test-secret',
    secureCookies: false,
    now: options.now,
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  oidc.settings.redirectUri = `${baseUrl}/auth/callback`;

  return {
    baseUrl,
    repo,
    notify,
    idp,
    browser: () => new Browser(baseUrl),
    async stop() {
      await close(server);
      await notify.close();
      await idp.close();
    },
  };
}


/** fetch with a cookie jar for one host and no automatic redirects. */
export class Browser {
  private cookie = '';
  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const headers = new Headers(init.headers);
    if (this.cookie && url.origin === this.baseUrl) headers.set('cookie', this.cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie && url.origin === this.baseUrl) this.cookie = setCookie.split(';')[0];
    return res;
  }

  postForm(path: string, fields: Record<string, string>) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
  }

  postJson(path: string, body: unknown) {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** Follows the sign-in redirects through the fake provider; returns the final callback response. */
  async signIn(): Promise<Response> {
    const login = await this.request('/auth/login');
    const authorize = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    return this.request(authorize.headers.get('location')!);
  }
}

export const validEnquiry = (overrides: Record<string, string> = {}) => ({
  departmentCode: 'dwp',
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  phoneNumber: '01632 960 001',
  postcode: 'SW1A 2AA',
  address: '1 Example Street, London',
  subject: 'Payment date',
  message: 'When will my payment arrive?',
  ...overrides,
});
