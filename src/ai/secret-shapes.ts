/** Checks that tell a real card number, IBAN or random key from an ordinary run of digits or letters. */

/** Luhn check over the digits of a card-number candidate (spaces and dashes ignored). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** A run of digit groups is a card number when some stretch of whole groups, 13 to 19 digits, passes Luhn. */
export function holdsCardNumber(run: string): boolean {
  const groups = run.split(/[ -]/);
  for (let start = 0; start < groups.length; start++) {
    let digits = "";
    for (let end = start; end < groups.length; end++) {
      digits += groups[end];
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhnValid(digits)) return true;
    }
  }
  return false;
}

/** ISO 13616 mod-97 check on an IBAN without spaces. */
export function ibanValid(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const value = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** Where the valid IBAN at the start of the candidate ends (it may run into the next word), if there is one. */
export function ibanEnd(run: string): number | undefined {
  const positions: number[] = [];
  for (let i = 0; i < run.length; i++) if (run[i] !== " ") positions.push(i);
  for (let length = Math.min(34, positions.length); length >= 15; length--) {
    const compact = positions
      .slice(0, length)
      .map((i) => run[i])
      .join("");
    if (ibanValid(compact)) return positions[length - 1]! + 1;
  }
  return undefined;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * A token that looks generated rather than written: long hex with letters and digits, or a mix of
 * upper case, lower case and digits with high entropy. Ids made from route segments are lower-cased
 * slugs, so a lower-case token counts when letters and digits alternate often. Identifiers people
 * write (camelCase names, slugs, versions) have too few digits or too little entropy to pass.
 */
export function looksRandom(token: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(token)) return count(token, /\d/g) >= 4 && count(token, /[a-f]/gi) >= 4;
  const upper = count(token, /[A-Z]/g);
  const lower = count(token, /[a-z]/g);
  const digits = count(token, /\d/g);
  if (upper >= 2 && lower >= 2 && digits >= 2) return entropy(token) >= 3.6;
  const switches = count(token, /[a-z](?=\d)|\d(?=[a-z])/gi);
  return lower + upper >= 6 && digits >= 4 && switches >= 6 && entropy(token) >= 3.6;
}

/** An AWS secret access key has 40 base64 characters, with upper and lower case and digits in it. */
export function looksLikeAwsSecret(token: string): boolean {
  return (
    token.length === 40 &&
    !token.startsWith("/") &&
    /[A-Z]/.test(token) &&
    /[a-z]/.test(token) &&
    /\d/.test(token)
  );
}
