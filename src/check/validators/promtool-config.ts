import { runPromtool } from "./promtool.js";
import type { Validator } from "./types.js";

/** `promtool check config`: the Prometheus configuration, the rule files it loads and its file_sd targets. */
export const promtoolConfigValidator: Validator = {
  id: "promtool-check-config",
  title: "promtool check config",
  applies: (rel) => rel === "ops/monitoring/prometheus.yml",
  run: (files) =>
    runPromtool(["check", "config"], files, (file, output) => {
      const lines = (output ?? "").split("\n").filter((l) => /FAILED|error|line \d+/i.test(l));
      return [{ file, message: lines.slice(0, 10).join("\n") || "failed" }];
    }),
};
