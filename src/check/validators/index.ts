import { promtoolRulesValidator, promtoolTestValidator } from "./promtool.js";
import type { Validator } from "./types.js";
import { workflowValidator } from "./workflow.js";

export const validators: readonly Validator[] = [
  promtoolRulesValidator,
  promtoolTestValidator,
  workflowValidator,
];
