import { runTool, toolMissing } from "./promtool.js";
import type { Validator, ValidatorProblem } from "./types.js";

/** `promtool check config`: the Prometheus configuration, the rule files it loads and its file_sd targets. */
export const promtoolConfigValidator: Validator = {
  id: "promtool-check-config",
  title: "promtool check config",
  applies: (rel) => rel === "ops/monitoring/prometheus.yml",
  async run(files) {
    const problems: ValidatorProblem[] = [];
    for (const file of files) {
      const result = await runTool("promtool", ["check", "config", file.abs]);
      if (toolMissing(result))
        return { skipped: "promtool is not installed (Debian: apt-get install prometheus)" };
      if (result!.exitCode !== 0) {
        const lines = (result!.all ?? "").split("\n").filter((l) => /FAILED|error|line \d+/i.test(l));
        problems.push({ file: file.rel, message: lines.slice(0, 10).join("\n") || "failed" });
      }
    }
    return { problems };
  },
};
