import { actionlintValidator } from "./actionlint.js";
import { amtoolValidator } from "./amtool.js";
import { gitlabValidator } from "./gitlab.js";
import { hardeningValidator } from "./hardening.js";
import { markdownValidator } from "./markdown.js";
import { placeholderValidator } from "./placeholders.js";
import { promtoolRulesValidator, promtoolTestValidator } from "./promtool.js";
import { promtoolConfigValidator } from "./promtool-config.js";
import { prometheusRuleValidator } from "./prometheus-rule.js";
import { scriptSyntaxValidator } from "./script-syntax.js";
import { shellcheckValidator } from "./shellcheck.js";
import type { Validator } from "./types.js";
import { workflowValidator } from "./workflow.js";
import { yamllintValidator } from "./yamllint.js";

export const validators: readonly Validator[] = [
  promtoolRulesValidator,
  promtoolTestValidator,
  amtoolValidator,
  promtoolConfigValidator,
  prometheusRuleValidator,
  workflowValidator,
  markdownValidator,
  placeholderValidator,
  hardeningValidator,
  actionlintValidator,
  scriptSyntaxValidator,
  shellcheckValidator,
  yamllintValidator,
  gitlabValidator,
];
