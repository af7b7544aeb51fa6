import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateAddress, validateHousehold, validatePersonalDetails } from '../src/validation.js';
import { startService, validAnswers } from './helpers.js';

const fields = (result: { ok: boolean; errors?: { field: string }[] }) => (result.ok ? [] : result.errors!.map((e) => e.field));

describe('validatePersonalDetails', () => {
  const today = new Date('2025-06-01T00:00:00Z');

  it('accepts valid details and normalises the National Insurance number and date of birth', () => {
    const result = validatePersonalDetails(validAnswers.personalDetails, today);
    assert.ok(result.ok);
    assert.equal(result.value.nationalInsuranceNumber, 'JH123456C');
    assert.equal(result.value.dateOfBirth, '1980-03-27');
    assert.equal(result.value.phoneNumber, '07700900982');
  });

  it('reports every missing required field', () => {
    assert.deepEqual(fields(validatePersonalDetails({}, today)), ['fullName', 'dateOfBirth', 'nationalInsuranceNumber', 'email']);
  });

  it('rejects impossible dates, under-16s, bad NI numbers, emails and phone numbers', () => {
    const bad = {
      ...validAnswers.personalDetails,
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      nationalInsuranceNumber: 'GB123456A',
      email: 'sam.example.com',
      phoneNumber: '12345',
    };
    assert.deepEqual(fields(validatePersonalDetails(bad, today)), ['dateOfBirth', 'nationalInsuranceNumber', 'email', 'phoneNumber']);
    const young = { ...validAnswers.personalDetails, 'dateOfBirth-year': '2015' };
    const result = validatePersonalDetails(young, today);
    assert.ok(!result.ok);
    assert.match(result.errors[0].text, /16 or over/);
  });
});

describe('validateAddress and validateHousehold', () => {
  it('accepts a valid address and upper-cases the postcode', () => {
    const result = validateAddress(validAnswers.address);
    assert.ok(result.ok);
    assert.equal(result.value.postcode, 'LS1 4AP');
    assert.equal(result.value.addressLine2, undefined);
  });

  it('rejects a partial postcode', () => {
    assert.deepEqual(fields(validateAddress({ ...validAnswers.address, postcode: 'LS1' })), ['postcode']);
  });

  it('parses household numbers and rejects out-of-range values', () => {
    const ok = validateHousehold({ ...validAnswers.household, monthlyRent: '£1,200' });
    assert.ok(ok.ok);
    assert.equal(ok.value.monthlyRent, 1200);
    const bad = validateHousehold({ benefit: 'pension-credit', adults: '0', children: '1.5', monthlyRent: '-3', reason: 'x'.repeat(1001) });
    assert.deepEqual(fields(bad), ['benefit', 'adults', 'children', 'monthlyRent', 'reason']);
  });
});

describe('step pages', () => {
  let service: Awaited<ReturnType<typeof startService>>;
  before(async () => (service = await startService()));
  after(() => service.stop());

  it('re-renders the step with an error summary linking to each field', async () => {
    const res = await service.browser().post('/apply/personal-details', { fullName: 'Sam Jones' });
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /<title>Error: Your details/);
    assert.match(html, /govuk-error-summary/);
    assert.match(html, /href="#dateOfBirth-day">Enter your date of birth/);
    assert.match(html, /href="#email">Enter your email address/);
    assert.match(html, /value="Sam Jones"/, 'keeps what the citizen typed');
  });

  it('escapes what the citizen typed', async () => {
    const res = await service.browser().post('/apply/address', { addressLine1: '<script>alert(1)</script>' });
    const html = await res.text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('serves a health check', async () => {
    const res = await fetch(`${service.baseUrl}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });
});
