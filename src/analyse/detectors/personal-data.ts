import type { Detector } from "../detector.js";
import { ev, isNonProductionPath } from "../context.js";
import type { Facts, Findings } from "../facts.js";

type Category = Facts["personalData"][number]["category"];

// Ordered: the first match wins, so the more specific categories come first.
export const PATTERNS: Array<[Category, RegExp]> = [
  [
    "special-category",
    /ethnic|religio|belief|sexual|orientation|tradeunion|politicalopinion|biometric|genetic/,
  ],
  [
    "health",
    /health(condition|info|detail|need|record|issue)|medical|disabilit|diagnos|nhsnumber|medication|illness|impairment/,
  ],
  ["children", /^child|children|dependants?$|pupil|minor(s)?$|guardian/],
  [
    "identity",
    /nationalinsurance|^nino$|passport|drivinglicen[cs]e|dateofbirth|^dob$|birthdate|^ni(number)?$|utr$/,
  ],
  ["financial", /bankaccount|sortcode|accountnumber|iban|income|salary|savings|benefitamount|cardnumber/],
  [
    "contact",
    /^(full|first|last|given|family|middle)?name$|surname|email|phone|telephone|mobile|address(line\d?)?$|postcode|postalcode/,
  ],
];

export const IGNORED = new Set([
  "name",
  "username",
  "hostname",
  "filename",
  "pathname",
  "displayname",
  "classname",
  "servicename",
  "templatename",
  "tablename",
]);

export function classifyField(field: string): Category | undefined {
  const key = field.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (IGNORED.has(key) || key.length < 3) return undefined;
  return PATTERNS.find(([, re]) => re.test(key))?.[0];
}

const FORM_FIELD = /\bname=["']([A-Za-z][\w\-[\]]*)["']/g;

export const personalDataDetector: Detector = {
  id: "personal-data",
  title: "Personal data field names in models, schemas, validators, forms and templates",
  isEnabled: () => true,
  detect(ctx) {
    const seen = new Map<string, NonNullable<Findings["personalData"]>[number]>();
    // Field names repeat across thousands of files: classify each distinct name once.
    const fields = new Map<string, { field: string; key: string; category?: Category }>();
    const add = (name: string, file: string, line: number) => {
      let known = fields.get(name);
      if (!known) {
        const field = name.replace(/[-_.[]?(day|month|year)\]?$/i, "");
        known = { field, key: field.toLowerCase(), category: classifyField(field) };
        fields.set(name, known);
      }
      const { field, key, category } = known;
      if (category && !seen.has(key)) seen.set(key, { field, category, evidence: ev(file, line) });
    };
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      for (const p of file.properties) add(p.name, file.rel, p.line);
    }
    for (const file of ctx.textFiles) {
      if (!/\.(njk|html|hbs|ejs|pug|prisma|sql)$/.test(file.rel) || isNonProductionPath(file.rel)) continue;
      file.text.split("\n").forEach((line, i) => {
        for (const m of line.matchAll(FORM_FIELD)) add(m[1]!, file.rel, i + 1);
        if (/\.(prisma|sql)$/.test(file.rel)) {
          const col = /^\s*"?([a-z_][a-z0-9_]*)"?\s+[A-Za-z]/i.exec(line);
          if (col) add(col[1]!, file.rel, i + 1);
        }
      });
    }
    return { personalData: [...seen.values()] };
  },
};
