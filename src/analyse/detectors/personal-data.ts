import type { Detector } from "../detector.js";
import { callsNamed, ev, isBrowserCode, isNonProductionPath, productionSources } from "../context.js";
import type { Facts, Findings } from "../facts.js";

type Category = Facts["personalData"][number]["category"];

/** A child's own fields. A bare `minor` is more often a version number than a person under 18. */
const CHILDREN =
  /^child(ren)?(name|dob|dateofbirth|age)?s?$|^children|dependants?$|pupil|minors$|isminor|guardian/;

// Ordered: the first match wins, so the more specific categories come first.
export const PATTERNS: Array<[Category, RegExp]> = [
  [
    "criminal-offence",
    /convict|offen[cs]e|offender|criminal|caution(s|ed)?$|sentence|custody|prisoner|probation|arrest|courtorder|pnc(number|id)?$|cro(number)?$/,
  ],
  [
    "special-category",
    /ethnic|religio|belief|sexual|orientation|tradeunion|politicalopinion|biometric|genetic/,
  ],
  [
    "health",
    /health(condition|info|detail|need|record|issue|status)|medical|disabilit|diagnos|nhsnumber|medication|illness|impairment|symptom|xray|tuberculosis|^tb|pregnan|vaccin(ation|e)?s?(status|record|history|date|dose)s?$|gp(name|practice|surgery)/,
  ],
  ["children", CHILDREN],
  [
    "family",
    /maritalstatus|^marital|spouse|partner(name|dob|dateofbirth|nino)|civilpartner|nextofkin|widow|bereave|deceased|dateofdeath|relationship(status|type)$/,
  ],
  [
    "immigration",
    /immigration|visa(type|number|status)?$|residencepermit|brp(card)?(number)?$|asylum|refugee|homeoffice(ref|reference)|nationality|countryofbirth|rightto(work|rent)|settledstatus|leavetoremain/,
  ],
  [
    "identity",
    /nationalinsurance|^nino$|nino$|passport|drivinglicen[cs]e|dateofbirth|dob$|birthdate|^ni(number)?$|utr$|placeofbirth/,
  ],
  [
    "financial",
    /bankaccount|sortcode|accountnumber|iban|income|salary|savings|benefitamount|cardnumber|pension(amount)?$|debt/,
  ],
  [
    "contact",
    /(^|[a-z])(full|first|last|given|family|middle|sur)name$|^(full|first|last|given|family|middle)?name$|surname|email(address)?$|phone(number)?$|telephone|mobile(number)?$|address(line\d?)?$|postcode|postalcode/,
  ],
];

/** Roles whose prefixed fields are about a person: `respondentName`, `applicant_dob`. */
const PERSON_PREFIX =
  /^(applicant|respondent|claimant|appellant|defendant|offender|juror|customer|citizen|resident|client|user|person|patient|pupil|student|employee|partner|spouse|child|parent|guardian|contact|agent|caller|victim|witness|tenant|landlord|owner|holder|member|beneficiary|payee|deceased)_?/;
export const IGNORED = new Set([
  // React props and DOM words that only look like people.
  "children",
  "childlist",
  "childnodes",
  "childindex",
  "childcount",
  "firstchild",
  "lastchild",
  "haschildren",
  "ismobile",
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

/** What a children's service keeps about a child: `childCaseNote`, `childProtectionPlan`, `childCare`. */
const CARE_RECORD = /^(case|referral|protection|placement|assessment|care|support|record|note|detail|plan)/;
export const NETWORK_ADDRESS =
  /(ip|remote|mac|local|server|bind|listen|host|socket|proxy|network|wallet|memory|base)address$/;

export function classifyField(field: string): Category | undefined {
  // Constants (`MAX_EMAIL_LENGTH`), i18n keys (`fields.email.label`) and paths are not fields.
  if (/^[A-Z0-9_]+$/.test(field)) return undefined;
  if (/[./:]/.test(field) || /\s/.test(field)) return undefined;
  const raw = field.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (IGNORED.has(raw) || raw.length < 3) return undefined;
  // `respondentName`, `applicant_dob`: the role prefix says whose it is, the rest what it is.
  const prefix = PERSON_PREFIX.exec(field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase());
  const rest = prefix ? raw.slice(prefix[1]!.length) : raw;
  // A child's date of birth is about a child; a child organisation or a `child_of` link is about a hierarchy.
  if (prefix && /^(child|pupil|student)$/.test(prefix[1]!)) {
    const about = rest === "name" ? "fullname" : rest;
    const personal =
      rest.length === 0 ||
      CHILDREN.test(raw) ||
      CARE_RECORD.test(rest) ||
      PATTERNS.some(([, re]) => re.test(about));
    return personal ? "children" : undefined;
  }
  const key = rest.length >= 2 && rest !== raw ? (rest === "name" ? "fullname" : rest) : raw;
  // Machines' addresses are not where a person lives: `remoteAddress`, `ipAddress`, `macAddress`.
  if (NETWORK_ADDRESS.test(key)) return undefined;
  return PATTERNS.find(([, re]) => re.test(key))?.[0];
}

const PICKS = ["select", "pick", "only", "attributes", "columns", "returning", "omit", "fields"];
/** Modules whose objects carry a machine's `address`: `networkInterfaces()`, a socket's, a DNS answer's. */
const NETWORK_MODULES = /^(node:)?(os|net|dns|dgram|tls|cluster)$/;
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
    for (const file of productionSources(ctx)) {
      // In a file that asks the machine for its network interfaces, a bare `address` is an IP address.
      const machine = file.imports.some((i) => NETWORK_MODULES.test(i.module));
      const named = (name: string, line: number) => {
        if (!(machine && name === "address")) add(name, file.rel, line);
      };
      for (const p of file.properties) named(p.name, p.line);
      // Fields that appear only where they are read: `applicant.dateOfBirth`.
      for (const a of file.accessed) named(a.name, a.line);
      // select('first_name', 'dob'), pick(body, ['email']), attributes: [...]: the strings name fields.
      for (const c of callsNamed(file, PICKS)) {
        for (const arg of c.args)
          for (const item of arg.items ?? [arg])
            if (item.value && /^\w+$/.test(item.value)) add(item.value, file.rel, c.line);
      }
    }
    for (const file of ctx.textFiles) {
      if (
        !/\.(njk|html|hbs|ejs|pug|prisma|sql)$/.test(file.rel) ||
        isNonProductionPath(file.rel) ||
        isBrowserCode({ rel: file.rel })
      )
        continue;
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
