import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { runTool, toolMissing } from "./promtool.js";
import type { Validator, ValidatorFile, ValidatorProblem } from "./types.js";

const CONFIG = /^ops\/monitoring\/alertmanager\.ya?ml$/;
const ROUTES = /^ops\/monitoring\/alertmanager-routes\.test\.ya?ml$/;
const MISSING = { skipped: "amtool is not installed (Debian: apt-get install prometheus-alertmanager)" };

interface RouteCases {
  config: string;
  cases: Array<{ labels: Record<string, string>; receivers: string[] }>;
}

function firstLines(text: string | undefined): string {
  return (text ?? "")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("Warning: --config.file"))
    .slice(0, 10)
    .join("\n");
}

/** Each routing case: the receivers amtool resolves for the labels must be exactly the expected ones. */
async function routeProblems(file: ValidatorFile): Promise<ValidatorProblem[] | "missing"> {
  const spec = parse(await readFile(file.abs, "utf8")) as RouteCases;
  const config = path.join(path.dirname(file.abs), spec.config);
  const problems: ValidatorProblem[] = [];
  for (const c of spec.cases ?? []) {
    const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    const args = [
      "config",
      "routes",
      "test",
      `--config.file=${config}`,
      `--verify.receivers=${c.receivers.join(",")}`,
    ];
    const result = await runTool("amtool", [...args, ...labels]);
    if (toolMissing(result)) return "missing";
    if (result!.exitCode !== 0)
      problems.push({
        file: file.rel,
        message: `${labels.join(" ")}: expected ${c.receivers.join(",")}, amtool says ${firstLines(result!.all)}`,
      });
  }
  return problems;
}

/** Alertmanager's own parser (`amtool check-config`) and its route resolution (`amtool config routes test`). */
export const amtoolValidator: Validator = {
  id: "amtool",
  title: "amtool",
  applies: (rel) => CONFIG.test(rel) || ROUTES.test(rel),
  async run(files) {
    const problems: ValidatorProblem[] = [];
    for (const file of files.filter((f) => CONFIG.test(f.rel))) {
      const result = await runTool("amtool", ["check-config", file.abs]);
      if (toolMissing(result)) return MISSING;
      if (result!.exitCode !== 0) problems.push({ file: file.rel, message: firstLines(result!.all) });
    }
    for (const file of files.filter((f) => ROUTES.test(f.rel))) {
      const found = await routeProblems(file);
      if (found === "missing") return MISSING;
      problems.push(...found);
    }
    return { problems };
  },
};
