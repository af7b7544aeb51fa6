import type { FieldError } from '../validation.js';

const anchors: Record<string, string> = { dateOfBirth: 'dateOfBirth-day', benefit: 'benefit' };

/** Shapes validation errors for the govukErrorSummary macro and each field's errorMessage. */
export function viewErrors(errors: FieldError[]) {
  return {
    errorList: errors.map((e) => ({ text: e.text, href: `#${anchors[e.field] ?? e.field}` })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
  };
}
