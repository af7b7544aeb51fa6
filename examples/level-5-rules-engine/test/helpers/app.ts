import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { CrpSubmission } from '../../src/assessments/types.js';
import { createTokenVerifier } from '../../src/auth.js';
import { ProcurementClient } from '../../src/procurement/client.js';
import { RulesetRegistry } from '../../src/rules/rulesets.js';
import { createServer } from '../../src/server.js';
import { InMemoryAssessmentRepository, InMemoryAuditRepository } from './in-memory.js';
import { AUDIENCE, startFakeIdp, type FakeIdp } from './oidc.js';
import { startFakeProcurement, type FakeProcurement } from './procurement.js';

export function goldenSubmission(name: string): CrpSubmission {
  return JSON.parse(readFileSync(new URL(`../../../test/golden/${name}.json`, import.meta.url), 'utf8')).submission;
}

export interface TestApp {
  url: string;
  idp: FakeIdp;
  procurement: FakeProcurement;
  assessments: InMemoryAssessmentRepository;
  audit: InMemoryAuditRepository;
  clock: { now: Date };
  request(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: any; headers: Headers; raw: Buffer }>;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const idp = await startFakeIdp();
  const procurement = await startFakeProcurement();
  const assessments = new InMemoryAssessmentRepository();
  const audit = new InMemoryAuditRepository();
  const clock = { now: new Date('2025-01-15T10:00:00Z') };
  const server = await createServer({
    assessments,
    audit,
    procurement: new ProcurementClient({ baseUrl: procurement.url, token: 'service-token', timeoutMs: 300 }),
    verifyToken: createTokenVerifier({ issuer: idp.url, audience: AUDIENCE }),
    rulesets: new RulesetRegistry(),
    now: () => clock.now,
    logger: pino({ level: 'silent' }),
    port: 0,
    host: '127.0.0.1',
  });
  await server.start();
  return {
    url: server.info.uri,
    idp,
    procurement,
    assessments,
    audit,
    clock,
    async request(method, path, opts = {}) {
      const res = await fetch(`${server.info.uri}${path}`, {
        method,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body ? { 'content-type': 'application/json' } : {}),
        },
        body: opts.body ? JSON.stringify(opts.body) : undefined,
      });
      const raw = Buffer.from(await res.arrayBuffer());
      const json = res.headers.get('content-type')?.includes('json') ? JSON.parse(raw.toString()) : undefined;
      return { status: res.status, body: json, headers: res.headers, raw };
    },
    async close() {
      await server.stop();
      await idp.close();
      await procurement.close();
    },
  };
}
