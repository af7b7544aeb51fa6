import path from "node:path";
import type { Detector } from "../detector.js";
import { ev, perFile, productionSources, resolveImport, type DetectorContext } from "../context.js";
import type { Binding, FileIndex } from "../../scan/source-index.js";
import type { Findings } from "../facts.js";
import { pathWords } from "./archetype-signals.js";

type Signal = NonNullable<Findings["signals"]>[number];

/** Folders whose modules are rules applied by key: one parser, matcher or validator per retailer, form or case. */
const RULE_FOLDERS = new Set([
  "parsers",
  "matchers",
  "validators",
  "rules",
  "rulesets",
  "calculators",
  "assessors",
  "scorers",
]);
/** A registry imports at least this many modules from rule folders. */
const REGISTRY_MIN = 8;
/** A decision function has at least this many `if`, `case` and `?:` branches in its own body. */
const BRANCHES_MIN = 10;
const DECISION_WORDS = ["eligibility", "eligible", "entitlement", "entitled", "calculate", "calculation"]
  .concat(["decide", "decision", "assess", "assessment", "tariff", "threshold", "thresholds", "rules"])
  .concat(["score", "scoring"]);
/** Tables of numbers a rule reads: `const RATES = {…}`, `export const incomeThresholds = […]`. */
const TABLE_WORDS = ["rate", "rates", "threshold", "thresholds", "tariff", "tariffs", "band", "bands"].concat(
  ["allowance", "allowances"],
);
/** A rate limiter's or a retry's settings, and test data, are not rules. */
const NOT_TABLE = ["limit", "limiter", "limits", "retry", "retries", "sample", "sampling"].concat([
  "mock",
  "mocked",
  "fake",
  "stub",
  "dummy",
  "example",
]);
/** UI components branch to render, not to decide. */
const COMPONENT = /\.[jt]sx$/;

/** The folder of a module that sits in a rule folder: `services/parsers/asda/model1` → `services/parsers`. */
function ruleFolder(rel: string): string | undefined {
  const parts = path.posix.dirname(rel).split("/");
  const at = parts.findIndex((p) => RULE_FOLDERS.has(p.toLowerCase()));
  return at < 0 ? undefined : parts.slice(0, at + 1).join("/");
}

/** Hand-written rules: registries of rule modules, branchy decision functions and rate tables in code. */
export const rulesCodeDetector: Detector = {
  id: "rules-code",
  title: "Hand-written rules: registries of rule modules, decision functions and rate tables",
  isEnabled: () => true,
  detect(ctx) {
    const signals: Signal[] = [];
    const sources = productionSources(ctx);
    const registry = ruleRegistry(ctx, sources);
    if (registry) signals.push(registry);
    const decision = sources.find(isDecision);
    if (decision?.branchiest) {
      const { name, line, branches } = decision.branchiest;
      signals.push({
        name: "decision-branches",
        evidence: ev(decision.rel, line, `${name}: ${branches} branches`),
      });
    }
    const file = sources.find((f) => rateTable(f) !== undefined);
    const table = file && rateTable(file);
    if (file && table)
      signals.push({ name: "rule-sets-as-data", evidence: ev(file.rel, table.line, table.name) });
    return { signals };
  },
};

/** The first module that imports enough modules from one rule folder. */
function ruleRegistry(ctx: DetectorContext, sources: readonly FileIndex[]): Signal | undefined {
  for (const file of sources) {
    const byFolder = new Map<string, Set<string>>();
    for (const imp of file.imports) {
      // A relative import whose path names no rule folder cannot resolve into one: most do not.
      if (!mayReachRuleFolder(file.rel, imp.module)) continue;
      const target = resolveImport(ctx, file.rel, imp.module)?.rel;
      const folder = target && ruleFolder(target);
      if (folder) (byFolder.get(folder) ?? byFolder.set(folder, new Set()).get(folder)!).add(target);
    }
    const [folder, modules] = [...byFolder].sort((a, b) => b[1].size - a[1].size)[0] ?? [];
    if (folder && modules!.size >= REGISTRY_MIN)
      return { name: "rule-registry", evidence: ev(file.rel, 1, `${modules!.size} modules from ${folder}/`) };
  }
  return undefined;
}

/**
 * Whether an import might resolve into a rule folder: a relative import whose joined path has none cannot (its
 * target is that path, or it without `.js`, plus an extension or an index file). Package and alias imports
 * are always resolved.
 */
function mayReachRuleFolder(from: string, spec: string): boolean {
  if (!spec.startsWith(".")) return true;
  const joined = path.posix.join(path.posix.dirname(from), spec);
  const stem = joined.replace(/\.[cm]?jsx?$/, "");
  return [...joined.split("/"), stem.slice(stem.lastIndexOf("/") + 1)].some((p) =>
    RULE_FOLDERS.has(p.toLowerCase()),
  );
}

/** A branchy function named for a decision, outside UI components (remembered per file for the package runs). */
const isDecision = perFile((f): boolean => {
  const b = f.branchiest;
  if (!b || b.branches < BRANCHES_MIN || COMPONENT.test(f.rel)) return false;
  const words = pathWords(`${f.rel.replace(/\.\w+$/, "")} ${b.name}`);
  return DECISION_WORDS.some((w) => words.has(w));
});

/** A module-level object or array named for rates or thresholds (remembered per file for the package runs). */
const rateTable = perFile((file): Binding | undefined =>
  file.bindings.find((b) => {
    if (b.value.kind !== "object" && b.value.kind !== "array") return false;
    const words = pathWords(b.name);
    return TABLE_WORDS.some((w) => words.has(w)) && !NOT_TABLE.some((w) => words.has(w));
  }),
);
