import PDFDocument from 'pdfkit';
import type { Assessment } from '../assessments/types.js';

/** A one-page assessment report for the procurement file. */
export function renderReport(a: Assessment): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Carbon Reduction Plan assessment ${a.id}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(18).text('Carbon Reduction Plan assessment');
  doc.moveDown().fontSize(11);
  doc.text(`Procurement: ${a.procurementReference}`);
  doc.text(`Supplier: ${a.supplier.name} (company number ${a.supplier.companyNumber})`);
  doc.text(`Rule set: ${a.rulesetVersion}`);
  doc.text(`Status: ${a.status}${a.submittedAt ? `, submitted ${a.submittedAt}` : ''}`);
  doc.text(`Assessed on: ${a.result.assessedOn}`);
  doc.moveDown().fontSize(14).text(`Outcome: ${a.result.outcome.toUpperCase()}`);
  doc.moveDown().fontSize(11);
  for (const r of a.result.requirements) {
    doc.text(`${r.met ? 'Met' : 'Not met'}: ${r.message} (${r.requirement})`);
  }
  doc.end();
  return done;
}
