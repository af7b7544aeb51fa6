import { escapeHtml } from './html.js';

export interface Bar {
  label: string;
  value: number;
}

/**
 * Horizontal bar chart as inline SVG: readable on narrow screens, no client JavaScript.
 * It is labelled for screen readers, and every page also shows the same numbers as a table.
 */
export function barChart(id: string, title: string, description: string, bars: Bar[]): string {
  const rowHeight = 28;
  const labelWidth = 190;
  const width = 600;
  const height = bars.length * rowHeight + 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight + 5;
      const w = Math.max(0, Math.round(((width - labelWidth - 70) * b.value) / max));
      return (
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="#1d70b8"/>` +
        `<text x="${labelWidth + w + 6}" y="${y + 17}">${b.value.toLocaleString('en-GB')}</text>`
      );
    })
    .join('');
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-size="14" font-family="Arial, sans-serif">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${rows}</svg>`
  );
}
