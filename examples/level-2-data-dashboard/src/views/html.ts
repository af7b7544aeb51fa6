const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => entities[c]);
}

export const formatNumber = (n: number | null) => (n === null ? 'Not available' : n.toLocaleString('en-GB'));

export function table(caption: string, headers: string[], rows: Array<Array<string | number | null>>): string {
  const head = headers.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i ? `<td class="num">${escapeHtml(typeof c === 'string' ? c : formatNumber(c))}</td>` : `<th scope="row">${escapeHtml(c)}</th>`)).join('')}</tr>`)
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

// Tiny inline stylesheet: one request per page, usable on old phones and slow connections.
const css = `body{font-family:Arial,sans-serif;margin:0;color:#0b0c0c;line-height:1.4}
header{background:#0b0c0c;color:#fff;padding:10px 15px}header a{color:#fff;font-weight:bold;text-decoration:none}
main{max-width:960px;margin:0 auto;padding:15px}a{color:#1d70b8}
.warning{border:5px solid #d4351c;padding:10px 15px;margin:15px 0}.warning h2{margin-top:0}
.freshness{color:#505a5f;font-size:0.9em}.chart{width:100%;height:auto;max-width:600px}
table{border-collapse:collapse;width:100%;margin:15px 0}caption{text-align:left;font-weight:bold;padding:5px 0}
th,td{text-align:left;border-bottom:1px solid #b1b4b6;padding:6px 4px}.num{text-align:right}`;

export function layout(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Local housing supply statistics</title><style>${css}</style></head>
<body><header><a href="/dashboard">Local housing supply statistics</a></header><main id="main-content">${body}</main></body></html>`;
}
