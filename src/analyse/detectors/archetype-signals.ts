import type { Detector } from "../detector.js";
import { ev, isNonProductionPath } from "../context.js";
import { clientUses } from "../clients.js";
import type { Findings } from "../facts.js";

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

/** Words in route paths and file names, per archetype theme. */
const WORDS: Array<[string, RegExp]> = [
  [
    "form-steps",
    /\/(apply|start|check-answers|check-your-answers|declaration|confirmation|eligibility)(\/|$)/,
  ],
  ["data-views", /\/(dashboard|statistics|stats|data|charts?|datasets?|download)(\/|$)|\.csv$/],
  ["case-work", /\/(enquir(y|ies)|cases?|caseworkers?|triage|assign|queue|tickets?)(\/|$)/],
  [
    "parliamentary",
    /\/(questions?|pqs?|parliament\w*|members?|answering|written-?questions?)(\/|$)|pq[-_]|parliament/i,
  ],
  [
    "assessment",
    /\/(assessments?|rulesets?|rules|decisions?|eligibility-checks?)(\/|$)|ruleset|rules?-engine/,
  ],
  ["legacy-migration", /legacy|migrate-?from|data-migration/i],
  ["audit-trail", /audit/i],
  ["deadlines", /deadline|sla|due-?date|overdue/i],
];

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
    for (const [name, re] of WORDS) {
      const file = ctx.paths.find(
        (p) => !isNonProductionPath(p) && !p.startsWith("ops/") && re.test(`/${p}`),
      );
      if (file) signals.push({ name, evidence: ev(file, 1, "file name") });
      for (const source of ctx.sources) {
        if (isNonProductionPath(source.rel)) continue;
        const hit = source.pathLiterals.find((l) => re.test(l.name));
        if (hit) {
          signals.push({ name, evidence: ev(source.rel, hit.line, hit.name) });
          break;
        }
      }
    }
    const migrations = ctx.paths.find((p) => /(^|\/)migrations?\//.test(p) && !isNonProductionPath(p));
    if (migrations) signals.push({ name: "migrations", evidence: ev(migrations, 1, "migrations folder") });
    const ruleData = ctx.paths.find((p) =>
      /(^|\/)(rules|rulesets?|rule-sets?)\/[^/]+\.(json|ya?ml)$/.test(p),
    );
    if (ruleData) signals.push({ name: "rule-sets-as-data", evidence: ev(ruleData, 1, "rule set file") });
    return { signals };
  },
};
