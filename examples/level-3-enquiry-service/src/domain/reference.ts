import { randomInt } from 'node:crypto';

// No vowels or look-alike characters, so references are readable over the phone and spell no words.
const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ23456789';

export function newReference(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `ENQ-${code.slice(0, 5)}-${code.slice(5)}`;
}
