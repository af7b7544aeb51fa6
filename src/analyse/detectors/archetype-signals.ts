import path from "node:path";
import type { Detector } from "../detector.js";
import { ev, isNonProductionPath, perFile, perPath, productionSources } from "../context.js";
import { clientUses } from "../clients.js";
import type { Findings } from "../facts.js";
import type { NamedLine } from "../../scan/source-index.js";

/** Capabilities that tell the archetypes apart, each found by the packages the code imports. */
const CAPABILITIES: Array<[string, string[]]> = [
  ["govuk-frontend", ["govuk-frontend"]],
  ["template-views", ["nunjucks", "express-nunjucks", "@fastify/view", "ejs", "pug", "handlebars"]],
  ["file-upload", ["multer", "@fastify/multipart", "formidable", "busboy"]],
  ["pdf-generation", ["pdfkit", "pdf-lib", "puppeteer", "pdfmake"]],
  [
    "scheduler",
    ["node-cron", "cron", "node-schedule", "agenda", "toad-scheduler", "@nestjs/schedule", "bree"],
  ],
  ["csv-export", ["csv-stringify", "fast-csv", "json2csv", "papaparse", "csv-writer"]],
  ["charts", ["d3", "chart.js", "vega", "vega-lite", "@observablehq/plot"]],
  ["rules-engine", ["json-rules-engine", "node-rules", "jsonlogic-js", "json-logic-js", "nools"]],
  ["orm-migrations", ["knex", "typeorm", "sequelize", "umzug", "node-pg-migrate", "db-migrate"]],
  ["cache", ["lru-cache", "node-cache", "keyv", "@fastify/caching"]],
];

/**
 * Words in route paths and file names, per archetype theme. Paths are split into whole words (`/`, `-`, `_`,
 * `.` and camelCase), so `sla` is not found in "translation", and a theme may need two words together.
 */
const WORDS: Array<[string, (words: Set<string>) => boolean]> = [
  [
    "form-steps",
    (w) =>
      ["apply", "start", "declaration", "confirmation", "eligibility"].some((x) => w.has(x)) ||
      (w.has("check") && w.has("answers")),
  ],
  [
    "data-views",
    (w) =>
      [
        "dashboard",
        "dashboards",
        "statistics",
        "stats",
        "charts",
        "chart",
        "datasets",
        "dataset",
        "csv",
      ].some((x) => w.has(x)),
  ],
  [
    "case-work",
    (w) =>
      [
        "enquiry",
        "enquiries",
        "case",
        "cases",
        "caseworker",
        "caseworkers",
        "triage",
        "casework",
        "tickets",
        "ticket",
      ].some((x) => w.has(x)),
  ],
  // `questions` alone is a form's questions: Parliament needs its own words.
  [
    "parliamentary",
    (w) =>
      ["parliament", "parliamentary", "pq", "pqs", "hansard", "mp", "mps", "ministerial", "answering"].some(
        (x) => w.has(x),
      ) ||
      (w.has("written") && w.has("questions")),
  ],
  [
    "assessment",
    (w) =>
      ["assessment", "assessments", "ruleset", "rulesets", "rules", "decisions", "adjudication"].some((x) =>
        w.has(x),
      ),
  ],
  [
    "calculation-rules",
    (w) =>
      [
        "eligibility",
        "entitlement",
        "entitlements",
        "calculation",
        "calculations",
        "calculator",
        "calculate",
        "tariff",
        "tariffs",
        "thresholds",
        "means",
      ].some((x) => w.has(x)) &&
      !w.has("view") &&
      !w.has("views"),
  ],
  [
    "legacy-migration",
    (w) => w.has("legacy") || (w.has("migrate") && w.has("from")) || (w.has("data") && w.has("migration")),
  ],
  ["dual-running", (w) => (w.has("dual") && w.has("running")) || w.has("strangler") || w.has("mainframe")],
  ["audit-trail", (w) => w.has("audit") || w.has("audits")],
  ["back-office", (w) => ["admin", "backoffice", "caseworker", "caseworkers", "staff"].some((x) => w.has(x))],
  ["deadlines", (w) => w.has("deadline") || w.has("deadlines") || w.has("statutory")],
  [
    "sla-tracking",
    (w) => w.has("sla") || w.has("slas") || w.has("overdue") || (w.has("due") && w.has("date")),
  ],
];

/** Whole words of a path: `src/questions/checkAnswers.ts` → src, questions, check, answers, ts. */
export function pathWords(p: string): Set<string> {
  return new Set(
    p
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
}

/** Marks the words of a route literal, so a theme can ask for a route rather than a file name. */
const ROUTE = "\u0000route";
const TEMPLATE = /\.(njk|html|hbs|ejs|pug)$/;
/** Migration file names describe schema changes, not features; asset paths are not pages. */
const NOT_VOCABULARY = /(^|\/)(migrations?|migrate|seeds?|seeders)\//;
const ASSET = /\.(svg|png|jpe?g|gif|ico|css|js|woff2?|ttf|map)$/i;
/** Rate, threshold and eligibility tables kept as data, by whole words of the file name (`migrate.yaml` is not one). */
const TABLE_FILE = /\.(json|ya?ml|csv)$/i;
const TABLE_WORDS = ["rate", "rates", "threshold", "thresholds", "tariff", "tariffs", "band", "bands"].concat(
  ["allowance", "allowances", "eligible", "ineligible", "eligibility"],
);
const isRateTable = (p: string) =>
  TABLE_FILE.test(p) &&
  TABLE_WORDS.some((w) => pathWords(path.posix.basename(p).replace(TABLE_FILE, "")).has(w));

/**
 * The themes a file name's words match, one bit per theme of WORDS. Remembered per path (each package's run
 * asks again for its own files).
 */
const themesOfFileName = perPath((p): number => {
  const words = pathWords(p.replace(/\.[\w]+$/, ""));
  let mask = 0;
  for (let theme = 0; theme < WORDS.length; theme++) if (WORDS[theme]![1](words)) mask |= 1 << theme;
  return mask;
});

/** Per theme of WORDS, a file's first route literal (not an asset) whose words match it: remembered per file. */
const literalThemes = perFile((file): Array<NamedLine | undefined> => {
  const hits: Array<NamedLine | undefined> = WORDS.map(() => undefined);
  let left = WORDS.length;
  for (const l of file.pathLiterals) {
    if (left === 0) break;
    if (ASSET.test(l.name)) continue;
    const words = pathWords(l.name).add(ROUTE);
    for (let theme = 0; theme < WORDS.length; theme++) {
      if (hits[theme] || !WORDS[theme]![1](words)) continue;
      hits[theme] = l;
      left--;
    }
  }
  return hits;
});

export const archetypeSignalsDetector: Detector = {
  id: "archetype-signals",
  title: "Capabilities and vocabulary that tell the five archetypes apart",
  isEnabled: () => true,
  detect(ctx) {
    const signals: NonNullable<Findings["signals"]> = [];
    for (const [name, modules] of CAPABILITIES) {
      const use = clientUses(ctx, modules)[0];
      if (use) signals.push({ name, evidence: ev(use.file.rel, use.line, use.module) });
    }
    // Signals come from production code and its templates only: not docs, images, charts or tests.
    const sources = productionSources(ctx);
    const files = [
      ...sources.map((f) => f.rel),
      ...ctx.textFiles.filter((f) => TEMPLATE.test(f.rel) && !isNonProductionPath(f.rel)).map((f) => f.rel),
    ].filter((p) => !p.startsWith("ops/") && !NOT_VOCABULARY.test(p));
    const fileThemes = files.map(themesOfFileName);
    WORDS.forEach(([name], theme) => {
      const file = fileThemes.findIndex((mask) => (mask & (1 << theme)) !== 0);
      if (file >= 0) signals.push({ name, evidence: ev(files[file]!, 1, "file name") });
      for (const source of sources) {
        const hit = literalThemes(source)[theme];
        if (hit) {
          signals.push({ name, evidence: ev(source.rel, hit.line, hit.name) });
          break;
        }
      }
    });
    const migrations = ctx.paths.find((p) => /(^|\/)migrations?\//.test(p) && !isNonProductionPath(p));
    if (migrations) signals.push({ name: "migrations", evidence: ev(migrations, 1, "migrations folder") });
    const ruleData = ctx.paths.find(
      (p) =>
        !isNonProductionPath(p) &&
        (/(^|\/)(rules|rulesets?|rule-sets?)\/[^/]+\.(json|ya?ml)$/.test(p) || isRateTable(p)),
    );
    if (ruleData)
      signals.push({ name: "rule-sets-as-data", evidence: ev(ruleData, 1, "rule or rate table file") });
    return { signals };
  },
};
