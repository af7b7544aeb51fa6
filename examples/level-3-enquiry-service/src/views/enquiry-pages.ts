import { CITIZEN_STATUS_LABELS, DEPARTMENTS, type Enquiry } from '../domain/enquiry.js';
import { escapeHtml as e, layout } from './html.js';

type Values = Record<string, string | undefined>;

function field(name: string, label: string, values: Values, errors: Record<string, string>, type = 'text') {
  const error = errors[name] ? `<p class="govuk-error-message" id="${name}-error">${e(errors[name])}</p>` : '';
  return `<div class="govuk-form-group"><label class="govuk-label" for="${name}">${label}</label>${error}
<input class="govuk-input" id="${name}" name="${name}" type="${type}" value="${e(values[name])}"></div>`;
}

export function enquiryFormPage(values: Values = {}, errors: Record<string, string> = {}): string {
  const summary = Object.keys(errors).length
    ? `<div class="govuk-error-summary" role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><ul>${Object.entries(
        errors,
      )
        .map(([name, message]) => `<li><a href="#${name}">${e(message)}</a></li>`)
        .join('')}</ul></div>`
    : '';
  const options = Object.entries(DEPARTMENTS)
    .map(([code, name]) => `<option value="${code}"${values.departmentCode === code ? ' selected' : ''}>${e(name)}</option>`)
    .join('');
  return layout(
    'Contact a government department',
    `${summary}<h1 class="govuk-heading-l">Contact a government department</h1>
<form method="post" action="/enquiries/new" novalidate>
<div class="govuk-form-group"><label class="govuk-label" for="departmentCode">Department</label>
${errors.departmentCode ? `<p class="govuk-error-message">${e(errors.departmentCode)}</p>` : ''}
<select class="govuk-select" id="departmentCode" name="departmentCode"><option value="">Choose a department</option>${options}</select></div>
${field('fullName', 'Full name', values, errors)}
${field('email', 'Email address', values, errors, 'email')}
${field('phoneNumber', 'Phone number (optional)', values, errors, 'tel')}
${field('postcode', 'Postcode', values, errors)}
${field('address', 'Address (optional)', values, errors)}
${field('subject', 'Subject', values, errors)}
<div class="govuk-form-group"><label class="govuk-label" for="message">Your enquiry</label>
${errors.message ? `<p class="govuk-error-message">${e(errors.message)}</p>` : ''}
<textarea class="govuk-textarea" id="message" name="message" rows="8">${e(values.message)}</textarea></div>
<button class="govuk-button" type="submit">Send enquiry</button>
</form>`,
  );
}

/** Shows progress only: no personal data, because anyone holding the reference can open it. */
export function enquiryStatusPage(enquiry: Enquiry): string {
  return layout(
    'Check your enquiry',
    `<h1 class="govuk-heading-l">Enquiry ${e(enquiry.reference)}</h1>
<dl class="govuk-summary-list">
<div class="govuk-summary-list__row"><dt>Department</dt><dd>${e(DEPARTMENTS[enquiry.departmentCode])}</dd></div>
<div class="govuk-summary-list__row"><dt>Status</dt><dd id="status">${e(CITIZEN_STATUS_LABELS[enquiry.status])}</dd></div>
<div class="govuk-summary-list__row"><dt>Received</dt><dd>${e(enquiry.receivedAt.toISOString().slice(0, 10))}</dd></div>
<div class="govuk-summary-list__row"><dt>We aim to respond by</dt><dd id="due">${e(enquiry.dueAt.toISOString().slice(0, 10))}</dd></div>
</dl>
<p class="govuk-body">We have emailed you a confirmation. Keep your reference to check progress.</p>`,
  );
}

export function notFoundPage(): string {
  return layout('Page not found', '<h1 class="govuk-heading-l">Page not found</h1>');
}
