import Hapi from '@hapi/hapi';
import type { AssessmentRepository } from './assessments/assessment-repository.js';
import { AssessmentService } from './assessments/service.js';
import type { AuditRepository } from './audit/audit-repository.js';
import { registerStaffAuth, type TokenVerifier } from './auth.js';
import { logger as defaultLogger, type Logger } from './logger.js';
import type { ProcurementClient } from './procurement/client.js';
import { registerAssessmentRoutes } from './routes/assessments.js';
import { RulesetRegistry } from './rules/rulesets.js';

export interface ServerDeps {
  assessments: AssessmentRepository;
  audit: AuditRepository;
  procurement: ProcurementClient;
  verifyToken: TokenVerifier;
  rulesets?: RulesetRegistry;
  now?: () => Date;
  logger?: Logger;
  port?: number;
  host?: string;
}

export async function createServer(deps: ServerDeps): Promise<Hapi.Server> {
  const log = deps.logger ?? defaultLogger;
  const rulesets = deps.rulesets ?? new RulesetRegistry();
  const server = Hapi.server({ port: deps.port ?? 3000, host: deps.host ?? '0.0.0.0', routes: { validate: { failAction: 'error' } } });

  registerStaffAuth(server, deps.verifyToken);

  server.route({
    method: 'GET',
    path: '/health',
    options: { auth: false },
    handler: async (_request, h) => {
      try {
        await deps.assessments.ping();
        return { status: 'ok' };
      } catch {
        return h.response({ status: 'database unavailable' }).code(503);
      }
    },
  });

  const service = new AssessmentService({ ...deps, rulesets });
  registerAssessmentRoutes(server, service, deps.audit, rulesets);

  server.events.on('response', (request) => {
    const status = 'statusCode' in request.response ? request.response.statusCode : undefined;
    log.info({ method: request.method, path: request.path, status, ms: Date.now() - request.info.received }, 'request');
  });
  server.events.on({ name: 'request', channels: 'error' }, (request, event) => {
    log.error({ err: event.error, path: request.path }, 'request failed');
  });
  return server;
}
