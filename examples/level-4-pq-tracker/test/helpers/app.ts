import { createServer } from 'node:http';
import type { Knex } from 'knex';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { createTokenVerifier } from '../../src/auth.js';
import { ParliamentClient } from '../../src/parliament/client.js';
import { createTestDb } from './db.js';
import { listen } from './http.js';
import { AUDIENCE, startFakeIdp, type FakeIdp } from './oidc.js';

export interface TestApp {
  url: string;
  db: Knex;
  idp: FakeIdp;
  request(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTestApp(parliamentUrl = 'http://127.0.0.1:9'): Promise<TestApp> {
  const db = await createTestDb();
  const idp = await startFakeIdp();
  const app = createApp({
    db,
    parliament: new ParliamentClient({ baseUrl: parliamentUrl, timeoutMs: 500, retries: 0 }),
    verifyToken: createTokenVerifier({ issuer: idp.url, audience: AUDIENCE }),
    warningSittingDays: 2,
    logger: pino({ level: 'silent' }),
  });
  const server = await listen(createServer(app.callback()));
  return {
    url: server.url,
    db,
    idp,
    async request(method, path, opts = {}) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body ? { 'content-type': 'application/json' } : {}),
        },
        body: opts.body ? JSON.stringify(opts.body) : undefined,
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await server.close();
      await idp.close();
      await db.destroy();
    },
  };
}

export async function seedQuestion(db: Knex, overrides: Record<string, unknown> = {}): Promise<number> {
  const [row] = await db('questions')
    .insert({
      parliament_id: 1_800_001,
      uin: '18001',
      member_name: 'Jane Doe MP',
      answering_body_name: 'Department for Education',
      date_tabled: '2025-03-03',
      date_for_answer: '2025-03-05',
      question_text: 'To ask the Secretary of State for Education, what plans she has for school meals.',
      is_named_day: false, // pg-mem keeps knex's boolean default as the string '0'
      ...overrides,
    })
    .returning('id');
  return Number(row.id);
}
