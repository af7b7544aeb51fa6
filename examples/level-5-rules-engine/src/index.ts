import { PgAssessmentRepository } from './assessments/assessment-repository.js';
import { PgAuditRepository } from './audit/audit-repository.js';
import { createTokenVerifier } from './auth.js';
import { createPool } from './db.js';
import { logger } from './logger.js';
import { ProcurementClient } from './procurement/client.js';
import { createServer } from './server.js';

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

const pool = createPool();
const server = await createServer({
  assessments: new PgAssessmentRepository(pool),
  audit: new PgAuditRepository(pool),
  procurement: new ProcurementClient({ baseUrl: required('PROCUREMENT_API_URL', process.env.PROCUREMENT_API_URL) }),
  verifyToken: createTokenVerifier({
    issuer: required('OIDC_ISSUER_URL', process.env.OIDC_ISSUER_URL),
    audience: required('OIDC_AUDIENCE', process.env.OIDC_AUDIENCE),
  }),
  port: Number(process.env.PORT ?? 3000),
});

await server.start();
logger.info({ uri: server.info.uri }, 'crp-rules-engine listening');
