import { holdsCardNumber, ibanEnd, looksLikeAwsSecret, looksRandom } from "./secret-shapes.js";

/** A pattern for a secret or a piece of personal data, and what replaces it. */
interface Rule {
  id: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
  /** A further check on the match (a checksum, an entropy test); a match it refuses is kept. */
  accept?: (match: string) => boolean;
}

const marker = (id: string) => `[REDACTED:${id}]`;

// Order matters: whole blocks and credentials in URLs go before the shorter patterns they contain,
// IBANs and card numbers before the phone numbers that would match part of them.
const RULES: Rule[] = [
  {
    id: "private-key",
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: marker("private-key"),
  },
  {
    id: "connection-string",
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)(?!\[REDACTED)[^\s:/@'"]*:[^\s@'"]+@/gi,
    replace: (_m, scheme: string) => `${scheme}${marker("credentials")}@`,
  },
  {
    id: "slack-webhook",
    pattern: /\b(hooks\.slack\.com\/)(?:services|workflows|triggers)\/[^\s"'`<>)]+/gi,
    replace: (_m, host: string) => `${host}${marker("slack-webhook")}`,
  },
  {
    // Signed URLs and tokens in query strings: the parameter name stays, its value goes.
    id: "url-credential",
    pattern:
      /(?<![\w-])((?:x-amz-(?:signature|credential|security-token)|x-goog-(?:signature|credential)|sig|signature|access_token|id_token|refresh_token|token|api_?key|apikey|key|client_secret|password|secret|code)=)(?!\[REDACTED)[^&\s"'`#)]+/gi,
    replace: (_m, name: string) => `${name}${marker("signature")}`,
  },
  // Credential shapes match from their prefix on, so the front of one cut short elsewhere still goes.
  { id: "jwt", pattern: /\beyJ[\w-]{6,}(?:\.[\w-]*)*/gi, replace: marker("jwt") },
  {
    id: "aws-access-key",
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA|ABIA|ACCA)[0-9A-Z]{4,}/gi,
    accept: (m) => m === m.toUpperCase() || /\d/.test(m),
    replace: marker("aws-key"),
  },
  {
    id: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]+|gh[pousr]-[A-Za-z0-9]{6,}|github[_-]pat[_-][\w-]+)/gi,
    replace: marker("token"),
  },
  { id: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: marker("token") },
  {
    id: "api-key",
    pattern: /\b(?:sk-(?:ant-)?[\w-]{20,}|AIza[\w-]{35}|(?:sk|rk|pk)_(?:live|test)_\w{16,})/g,
    replace: marker("token"),
  },
  {
    // GOV.UK Notify keys end in two UUIDs: the service id and the secret.
    id: "notify-key",
    pattern: /\b(?:[\w-]*?-)?(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-?){2}\b/gi,
    replace: marker("notify-key"),
  },
  { id: "bearer", pattern: /\bBearer\s+[\w.~+/-]{8,}=*/g, replace: `Bearer ${marker("token")}` },
  {
    id: "assigned-secret",
    pattern:
      /\b([\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|private[_-]?key|credentials?)[\w-]*["']?\s*[:=]\s*)(["'`]?)(?!\[REDACTED)[^\s"'`,;)}]{4,}\2/gi,
    replace: (_m, key: string, quote: string) => `${key}${quote}${marker("secret")}${quote}`,
  },
  {
    // A bare AWS secret key: 40 base64 characters shortly after a word that names AWS or a secret.
    id: "aws-secret-key",
    pattern: /((?:aws|secret)[^\n]{0,30}?)(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi,
    replace: (_m, before: string) => `${before}${marker("aws-secret")}`,
  },
  {
    id: "aws-secret-key",
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    accept: looksLikeAwsSecret,
    replace: marker("aws-secret"),
  },
  {
    id: "random-token",
    pattern: /(?<![\w+=-])[\w+=-]{20,}(?![\w+=-])/g,
    accept: looksRandom,
    replace: marker("token"),
  },
  {
    id: "iban",
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/gi,
    accept: (m) => ibanEnd(m) !== undefined,
    replace: (m) => `${marker("iban")}${m.slice(ibanEnd(m))}`,
  },
  {
    id: "iban",
    // A GB IBAN by its shape alone, so test and mistyped numbers go as well.
    pattern: /\bGB\d{2} ?[A-Z]{4}(?: ?\d){14}\b/gi,
    replace: marker("iban"),
  },
  {
    id: "card-number",
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,}(?!\d)/g,
    accept: holdsCardNumber,
    replace: marker("card-number"),
  },
  {
    id: "email",
    pattern: /\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    replace: marker("email"),
  },
  {
    id: "ni-number",
    // The shape, not HMRC's prefix rules: example and temporary numbers are still personal data in code.
    pattern: /\b[A-Z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b/gi,
    replace: marker("ni-number"),
  },
  { id: "phone", pattern: /\(\s?0\d{2,4}\s?\)\s?\d{3,4}[\s-]?\d{3,4}\b/g, replace: marker("phone") },
  {
    id: "phone",
    pattern: /(?:\+44\s?\(?0?\)?\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g,
    replace: marker("phone"),
  },
  {
    id: "postcode",
    pattern: /\b(?:GIR[ -]?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ -]?\d[ABD-HJLNP-UW-Z]{2})\b/gi,
    replace: marker("postcode"),
  },
];

export interface Redaction {
  text: string;
  /** Ids of the rules that matched, for the dry-run report; never the matched text. */
  hits: string[];
}

/**
 * Replaces secrets and personal data in a piece of text. The text is decoded first (%40, \u0040,
 * &#64;), so an encoded email is found like a plain one, and the decoded form is what is kept.
 * Always give it the whole text: cut first, and the front of a secret no rule recognises goes out.
 * Over-redaction is accepted; a leak is not.
 */
export function redact(input: string): Redaction {
  const hits: string[] = [];
  let text = decodeEscapes(input);
  for (const rule of RULES) {
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      const [match, ...groups] = args as string[];
      if (rule.accept && !rule.accept(match!)) return match!;
      hits.push(rule.id);
      return typeof rule.replace === "string" ? rule.replace : rule.replace(match!, ...groups);
    });
  }
  return { text, hits };
}

/** The rule ids that still match in a text; empty when it is clean. */
export function findSensitive(text: string): string[] {
  return [...new Set(redact(text).hits)];
}

const ESCAPE = /(?:%[0-9a-f]{2})+|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})|&#(\d{1,7});|&#x([0-9a-f]{1,6});/gi;

/** Percent, JavaScript and HTML escapes decoded (three layers deep); control characters become spaces. */
export function decodeEscapes(input: string): string {
  let text = input;
  for (let layer = 0; layer < 3; layer++) {
    const next = text.replace(ESCAPE, (match, u?: string, x?: string, dec?: string, hex?: string) => {
      const code = (u ?? x ?? hex) ? parseInt((u ?? x ?? hex)!, 16) : dec ? Number(dec) : undefined;
      if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : match;
      try {
        return decodeURIComponent(match);
      } catch {
        // Not UTF-8: decode byte by byte, which is still what a reader of the URL would see.
        return match.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      }
    });
    if (next === text) break;
    text = next;
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
}
