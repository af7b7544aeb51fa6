import { z } from 'zod';
import { DEPARTMENTS, type DepartmentCode } from './enquiry.js';

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;
const UK_PHONE = /^(\+44\s?|0)[0-9\s]{9,13}$/;
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const enquiryFormSchema = z.object({
  departmentCode: z.enum(Object.keys(DEPARTMENTS) as [DepartmentCode, ...DepartmentCode[]], {
    error: 'Select the department your enquiry is for',
  }),
  fullName: z.string().trim().min(1, 'Enter your full name').max(200, 'Full name must be 200 characters or fewer'),
  email: z.string().trim().email('Enter an email address in the correct format, like name@example.com'),
  phoneNumber: optionalText(20, 'Enter a UK phone number, like 01632 960 001').refine(
    (value) => value === undefined || UK_PHONE.test(value),
    'Enter a UK phone number, like 01632 960 001',
  ),
  postcode: z
    .string()
    .trim()
    .regex(UK_POSTCODE, 'Enter a full UK postcode, like SW1A 2AA')
    .transform((value) => value.toUpperCase()),
  address: optionalText(500, 'Address must be 500 characters or fewer'),
  subject: z.string().trim().min(1, 'Enter a subject').max(150, 'Subject must be 150 characters or fewer'),
  message: z.string().trim().min(1, 'Enter your enquiry').max(5000, 'Your enquiry must be 5000 characters or fewer'),
});

export type EnquiryForm = z.infer<typeof enquiryFormSchema>;

export const triageSchema = z.object({
  category: z.enum(['general', 'complaint', 'freedom-of-information', 'media']),
  priority: z.enum(['normal', 'urgent']).default('normal'),
});

export const assignSchema = z.object({
  caseworkerId: z.string().uuid().optional(),
});

export const respondSchema = z.object({
  response: z.string().trim().min(1).max(10000),
});

/** Field name to first error message, for GOV.UK-style error summaries. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}
