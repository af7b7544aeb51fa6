import type { Detector } from "../detector.js";
import { apiInventoryDetector } from "./api-inventory.js";
import { archetypeSignalsDetector } from "./archetype-signals.js";
import { authDetector } from "./auth.js";
import { authScopeDetector } from "./auth-scope.js";
import { customAuthDetector } from "./custom-auth.js";
import { datastoresDetector } from "./datastores.js";
import { deployCiDetector } from "./deploy-ci.js";
import { deployNamespacesDetector } from "./deploy-namespaces.js";
import { envVarsDetector } from "./env-vars.js";
import { expressDetector } from "./express.js";
import { fastifyDetector } from "./fastify.js";
import { hapiDetector } from "./hapi.js";
import { hofDetector } from "./hof.js";
import { helmDetector } from "./helm.js";
import { repositoryDetector } from "./repository.js";
import { httpClientsDetector } from "./http-clients.js";
import { integrationsDetector } from "./integrations.js";
import { inversifyDetector } from "./inversify.js";
import { koaDetector } from "./koa.js";
import { lambdaDetector } from "./lambda.js";
import { nestjsDetector } from "./nestjs.js";
import { nextjsDetector } from "./nextjs.js";
import { personalDataDetector } from "./personal-data.js";
import { readinessDetector } from "./readiness.js";
import { repoConventionsDetector } from "./repo-conventions.js";
import { rulesCodeDetector } from "./rules-code.js";

export const detectors: readonly Detector[] = [
  expressDetector,
  fastifyDetector,
  hapiDetector,
  koaDetector,
  nestjsDetector,
  nextjsDetector,
  hofDetector,
  lambdaDetector,
  inversifyDetector,
  datastoresDetector,
  integrationsDetector,
  httpClientsDetector,
  apiInventoryDetector,
  customAuthDetector,
  authDetector,
  authScopeDetector,
  personalDataDetector,
  envVarsDetector,
  readinessDetector,
  deployCiDetector,
  helmDetector,
  deployNamespacesDetector,
  repositoryDetector,
  archetypeSignalsDetector,
  rulesCodeDetector,
  repoConventionsDetector,
];
