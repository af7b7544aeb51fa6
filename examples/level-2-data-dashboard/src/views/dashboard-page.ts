import type { DashboardSnapshot } from '../dashboard.js';
import { describeFreshness, type SourceFreshness } from '../freshness.js';
import { barChart } from './chart.js';
import { escapeHtml, layout, table } from './html.js';

const when = (iso?: string) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }) : 'never';

export function freshnessPanel(freshness: SourceFreshness[]): string {
  const warnings = freshness.map(describeFreshness).filter(Boolean);
  const banner = warnings.length
    ? `<div class="warning" role="alert"><h2>Some figures may not be current</h2><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>`
    : '';
  const lines = freshness
    .map((f) => `<li>${escapeHtml(f.title)}: published ${escapeHtml(f.publishedAt ?? 'n/a')}, last updated ${escapeHtml(when(f.lastSuccessAt))} <strong>(${f.state})</strong></li>`)
    .join('');
  return `${banner}<ul class="freshness" id="freshness">${lines}</ul>`;
}

export function overviewPage(s: DashboardSnapshot): string {
  if (!s.year) {
    return layout('No data yet', `<h1>Local housing supply statistics</h1>${freshnessPanel(s.freshness)}<p>No figures are available yet. Try again later.</p>`);
  }
  const regions = s.regions();
  const trend = s.trend();
  const body = `<h1>New homes in England, ${escapeHtml(s.year)}</h1>
${freshnessPanel(s.freshness)}
<h2>Net additional dwellings by region</h2>
${barChart('regions', `Net additional dwellings by region, ${s.year}`, 'Bar chart. The same figures are in the table below.', regions.map((r) => ({ label: r.regionName, value: r.netAdditions })))}
${table(`Net additional dwellings by region, ${s.year}`, ['Region', 'Net additional dwellings', 'Affordable homes', 'Local authorities'], regions.map((r) => [r.regionName, r.netAdditions, r.affordableCompletions, r.localAuthorities]))}
<h2>England trend</h2>
${table('Net additional dwellings in England by financial year', ['Financial year', 'Net additional dwellings', 'Affordable homes'], trend.map((t) => [t.financialYear, t.netAdditions, t.affordableCompletions]))}
<h2>Downloads</h2>
<ul><li><a href="/data/net-additional-dwellings.csv">Net additional dwellings by local authority (CSV)</a></li>
<li><a href="/data/households.csv">Household estimates by local authority (CSV)</a></li>
<li><a href="/data/homes-per-1000-households.csv">New homes per 1,000 households (CSV)</a></li></ul>
<p><a href="/dashboard/local-authorities">New homes per 1,000 households by local authority</a></p>`;
  return layout(`New homes in England, ${s.year}`, body);
}

export function localAuthoritiesPage(s: DashboardSnapshot): string {
  const rates = s.rates();
  if (!s.year || !rates) {
    return layout('Not available', `<h1>New homes per 1,000 households</h1>${freshnessPanel(s.freshness)}<p>These figures need both housing supply statistics and ONS household estimates, and one of them is not available yet.</p>`);
  }
  const unmatched = rates.filter((r) => r.per1000Households === null).length;
  const note = unmatched ? `<p class="warning">${unmatched} local authorities have no ONS household estimate for ${Number(s.year.slice(0, 4))} and show "Not available".</p>` : '';
  const body = `<h1>New homes per 1,000 households, ${escapeHtml(s.year)}</h1>
${freshnessPanel(s.freshness)}${note}
${table(`Net additional dwellings per 1,000 households by local authority, ${s.year}`, ['Local authority', 'Region', 'Net additional dwellings', 'Households', 'Per 1,000 households'], rates.map((r) => [r.areaName, r.regionName, r.netAdditions, r.households, r.per1000Households]))}`;
  return layout(`New homes per 1,000 households, ${s.year}`, body);
}
