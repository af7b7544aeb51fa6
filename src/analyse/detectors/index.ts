import type { Detector } from "../detector.js";
import { archetypeSignalsDetector } from "./archetype-signals.js";
import { authDetector } from "./auth.js";
import { datastoresDetector } from "./datastores.js";
import { deployCiDetector } from "./deploy-ci.js";
import { envVarsDetector } from "./env-vars.js";
import { expressDetector } from "./express.js";
import { fastifyDetector } from "./fastify.js";
import { hapiDetector } from "./hapi.js";
import { helmDetector } from "./helm.js";
import { httpClientsDetector } from "./http-clients.js";
import { integrationsDetector } from "./integrations.js";
import { koaDetector } from "./koa.js";
import { nestjsDetector } from "./nestjs.js";
import { nextjsDetector } from "./nextjs.js";
import { personalDataDetector } from "./personal-data.js";
import { readinessDetector } from "./readiness.js";

export const detectors: readonly Detector[] = [
  expressDetector,
  fastifyDetector,
  hapiDetector,
  koaDetector,
  nestjsDetector,
  nextjsDetector,
  datastoresDetector,
  integrationsDetector,
  httpClientsDetector,
  authDetector,
  personalDataDetector,
  envVarsDetector,
  readinessDetector,
  deployCiDetector,
  helmDetector,
  archetypeSignalsDetector,
];
