/** A pattern for a secret or a piece of personal data, and what replaces it. */
interface Rule {
  id: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

// Order matters: whole blocks and credentials in URLs go before the shorter patterns they contain.
const RULES: Rule[] = [
  {
    id: "private-key",
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: "[REDACTED:private-key]",
  },
  {
    id: "connection-string",
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s:/@'"]*:[^\s@'"]+@/gi,
    replace: (_m, scheme: string) => `${scheme}[REDACTED:credentials]@`,
  },
  { id: "jwt", pattern: /\beyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g, replace: "[REDACTED:jwt]" },
  {
    id: "aws-access-key",
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g,
    replace: "[REDACTED:aws-key]",
  },
  {
    id: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{20,})/g,
    replace: "[REDACTED:token]",
  },
  { id: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: "[REDACTED:token]" },
  {
    id: "api-key",
    pattern: /\b(?:sk-(?:ant-)?[\w-]{20,}|AIza[\w-]{35}|(?:sk|rk|pk)_(?:live|test)_\w{16,})/g,
    replace: "[REDACTED:token]",
  },
  {
    // GOV.UK Notify keys end in two UUIDs: the service id and the secret.
    id: "notify-key",
    pattern: /\b(?:[\w-]*?-)?(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-?){2}\b/gi,
    replace: "[REDACTED:notify-key]",
  },
  { id: "bearer", pattern: /\bBearer\s+[\w.~+/-]{8,}=*/g, replace: "Bearer [REDACTED:token]" },
  {
    id: "assigned-secret",
    pattern:
      /\b([\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|credentials?)[\w-]*["']?\s*[:=]\s*)(["'`]?)[^\s"'`,;)}]{4,}\2/gi,
    replace: (_m, key: string, quote: string) => `${key}${quote}[REDACTED:secret]${quote}`,
  },
  {
    id: "email",
    pattern: /\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    replace: "[REDACTED:email]",
  },
  {
    id: "ni-number",
    // The shape, not HMRC's prefix rules: example and temporary numbers are still personal data in code.
    pattern: /\b[A-Z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b/gi,
    replace: "[REDACTED:ni-number]",
  },
  {
    id: "phone",
    pattern: /(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g,
    replace: "[REDACTED:phone]",
  },
  {
    id: "postcode",
    pattern: /\b(?:GIR[ -]?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ -]?\d[ABD-HJLNP-UW-Z]{2})\b/gi,
    replace: "[REDACTED:postcode]",
  },
];

export interface Redaction {
  text: string;
  /** Ids of the rules that matched, for the dry-run report; never the matched text. */
  hits: string[];
}

/** Replaces secrets and personal data in a piece of text. Over-redaction is accepted; a leak is not. */
export function redact(input: string): Redaction {
  const hits: string[] = [];
  let text = input;
  for (const rule of RULES) {
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      hits.push(rule.id);
      const [match, ...groups] = args as string[];
      return typeof rule.replace === "string" ? rule.replace : rule.replace(match!, ...groups);
    });
  }
  return { text, hits };
}

/** The rule ids that still match in a text; empty when it is clean. */
export function findSensitive(text: string): string[] {
  const found: string[] = [];
  for (const rule of RULES) {
    const probe = new RegExp(rule.pattern.source, rule.pattern.flags.replace("g", ""));
    if (probe.test(text.replace(/\[REDACTED:[a-z-]+\]/g, ""))) found.push(rule.id);
  }
  return found;
}
