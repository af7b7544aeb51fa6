export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head><meta charset="utf-8"><title>${escapeHtml(title)} - Contact a government department - GOV.UK</title></head>
<body class="govuk-template__body">
<main class="govuk-main-wrapper" id="main-content">
${body}
</main>
</body>
</html>`;
}
