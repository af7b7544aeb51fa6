import type { Target } from "../target.js";
import { deliveryTarget } from "./delivery.js";
import { monitoringTarget } from "./monitoring.js";
import { incidentTarget } from "./incident.js";
import { incidentDocsTarget } from "./incident-docs.js";
import { runbooksTarget } from "./runbooks.js";

export const targets: readonly Target[] = [
  deliveryTarget,
  monitoringTarget,
  runbooksTarget,
  incidentTarget,
  incidentDocsTarget,
];
