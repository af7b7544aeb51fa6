import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import type { Validator, ValidatorProblem } from "./types.js";
import { yamllint } from "./yamllint.js";

/** yamllint's defaults; rule expressions and descriptions run long, as in any rules file. */
const CONFIG = "extends: default\nrules:\n  document-start: disable\n  line-length: disable\n";

const RESOURCE = /^ops\/monitoring\/kubernetes\/([^/]+-rules)\.ya?ml$/;

async function readYaml(abs: string): Promise<unknown> {
  return parse(await readFile(abs, "utf8")) as unknown;
}

/** A resource's problem, or none: the kind, and groups equal to those of the plain rules file beside it. */
async function resourceProblem(rel: string, abs: string): Promise<string | undefined> {
  const doc = (await readYaml(abs)) as {
    apiVersion?: string;
    kind?: string;
    spec?: { groups?: unknown };
  } | null;
  if (doc?.apiVersion !== "monitoring.coreos.com/v1" || doc.kind !== "PrometheusRule")
    return "not a monitoring.coreos.com/v1 PrometheusRule";
  const plainRel = `ops/monitoring/${RESOURCE.exec(rel)![1]}.yml`;
  const plainAbs = path.join(abs.slice(0, abs.length - rel.length), plainRel);
  let plain: { groups?: unknown } | null;
  try {
    plain = (await readYaml(plainAbs)) as { groups?: unknown } | null;
  } catch {
    return `${plainRel}, the rules file it embeds, is missing`;
  }
  if (!isDeepStrictEqual(doc.spec?.groups, plain?.groups))
    return `spec.groups differ from the groups of ${plainRel}, which promtool tests: run \`govops generate\``;
  return undefined;
}

/** PrometheusRule resources: yamllint, and the embedded groups equal to the promtool-tested rules file. */
export const prometheusRuleValidator: Validator = {
  id: "prometheus-rule",
  title: "PrometheusRule resources",
  applies: (rel) => RESOURCE.test(rel),
  async run(files) {
    const linted = await yamllint(files, CONFIG);
    const problems: ValidatorProblem[] = [...(linted.problems ?? [])];
    for (const f of files) {
      const message = await resourceProblem(f.rel, f.abs);
      if (message) problems.push({ file: f.rel, message });
    }
    return {
      problems,
      ...(linted.skipped ? { warnings: [{ file: files[0]!.rel, message: linted.skipped }] } : {}),
    };
  },
};
