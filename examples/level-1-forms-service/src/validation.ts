import type { Address, Household, PersonalDetails } from './application.js';

export interface FieldError {
  field: string;
  text: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

type Body = Record<string, unknown>;

const NINO = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UK_PHONE = /^(?:0|\+44)\d{9,10}$/;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

const text = (body: Body, key: string): string => String(body[key] ?? '').trim();

function finish<T>(errors: FieldError[], value: T): Result<T> {
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function parseDateOfBirth(body: Body, errors: FieldError[], today: Date): string {
  const [day, month, year] = ['dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'].map((k) => text(body, k));
  if (!day || !month || !year) {
    errors.push({ field: 'dateOfBirth', text: 'Enter your date of birth, for example 27 3 1980' });
    return '';
  }
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real = date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 && /^\d{4}$/.test(year);
  if (!real) {
    errors.push({ field: 'dateOfBirth', text: 'Date of birth must be a real date' });
    return '';
  }
  const sixteenYearsAgo = new Date(Date.UTC(today.getUTCFullYear() - 16, today.getUTCMonth(), today.getUTCDate()));
  if (date > sixteenYearsAgo) {
    errors.push({ field: 'dateOfBirth', text: 'You must be 16 or over to apply' });
    return '';
  }
  return date.toISOString().slice(0, 10);
}

export function validatePersonalDetails(body: Body, today = new Date()): Result<PersonalDetails> {
  const errors: FieldError[] = [];
  const fullName = text(body, 'fullName');
  if (!fullName) errors.push({ field: 'fullName', text: 'Enter your full name' });
  else if (fullName.length > 100) errors.push({ field: 'fullName', text: 'Full name must be 100 characters or less' });

  const dateOfBirth = parseDateOfBirth(body, errors, today);

  const nationalInsuranceNumber = text(body, 'nationalInsuranceNumber').replace(/\s+/g, '').toUpperCase();
  if (!nationalInsuranceNumber) {
    errors.push({ field: 'nationalInsuranceNumber', text: 'Enter your National Insurance number' });
  } else if (!NINO.test(nationalInsuranceNumber)) {
    errors.push({ field: 'nationalInsuranceNumber', text: 'Enter a National Insurance number in the correct format, like QQ 12 34 56 C' });
  }

  const email = text(body, 'email');
  if (!email) errors.push({ field: 'email', text: 'Enter your email address' });
  else if (!EMAIL.test(email)) errors.push({ field: 'email', text: 'Enter an email address in the correct format, like name@example.com' });

  const phoneNumber = text(body, 'phoneNumber').replace(/[\s()-]/g, '');
  if (phoneNumber && !UK_PHONE.test(phoneNumber)) {
    errors.push({ field: 'phoneNumber', text: 'Enter a UK phone number, like 01632 960 001 or 07700 900 982' });
  }

  return finish(errors, { fullName, dateOfBirth, nationalInsuranceNumber, email, phoneNumber: phoneNumber || undefined });
}

export function validateAddress(body: Body): Result<Address> {
  const errors: FieldError[] = [];
  const addressLine1 = text(body, 'addressLine1');
  const addressLine2 = text(body, 'addressLine2');
  const town = text(body, 'town');
  const postcode = text(body, 'postcode').toUpperCase().replace(/\s+/g, ' ');
  if (!addressLine1) errors.push({ field: 'addressLine1', text: 'Enter address line 1, typically the building and street' });
  if (!town) errors.push({ field: 'town', text: 'Enter town or city' });
  if (!postcode) errors.push({ field: 'postcode', text: 'Enter postcode' });
  else if (!POSTCODE.test(postcode)) errors.push({ field: 'postcode', text: 'Enter a full UK postcode' });
  return finish(errors, { addressLine1, addressLine2: addressLine2 || undefined, town, postcode });
}

function wholeNumber(body: Body, key: string, min: number, max: number, label: string, errors: FieldError[]): number {
  const raw = text(body, key);
  const n = Number(raw);
  if (!raw) errors.push({ field: key, text: `Enter ${label}` });
  else if (!Number.isInteger(n) || n < min || n > max) errors.push({ field: key, text: `${label[0].toUpperCase()}${label.slice(1)} must be a whole number between ${min} and ${max}` });
  return n;
}

export function validateHousehold(body: Body): Result<Household> {
  const errors: FieldError[] = [];
  const benefit = text(body, 'benefit');
  if (benefit !== 'universal-credit' && benefit !== 'housing-benefit') {
    errors.push({ field: 'benefit', text: 'Select whether you get Universal Credit or Housing Benefit' });
  }
  const adults = wholeNumber(body, 'adults', 1, 20, 'the number of adults', errors);
  const children = wholeNumber(body, 'children', 0, 20, 'the number of children', errors);

  const rentRaw = text(body, 'monthlyRent').replace(/[£,]/g, '');
  const monthlyRent = Number(rentRaw);
  if (!rentRaw) errors.push({ field: 'monthlyRent', text: 'Enter your monthly rent' });
  else if (!/^\d+(\.\d{1,2})?$/.test(rentRaw) || monthlyRent <= 0) errors.push({ field: 'monthlyRent', text: 'Monthly rent must be an amount in pounds, like 650 or 650.50' });

  const reason = text(body, 'reason');
  if (!reason) errors.push({ field: 'reason', text: 'Tell us why you need help with your housing costs' });
  else if (reason.length > 1000) errors.push({ field: 'reason', text: 'Reason must be 1000 characters or less' });

  return finish(errors, { benefit: benefit as Household['benefit'], adults, children, monthlyRent, reason });
}
