import PDFDocument from 'pdfkit';
import type { Submission } from './application.js';

/** Builds the PDF receipt a citizen can keep or show to their landlord or adviser. */
export function renderReceipt(submission: Submission): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `DHP application ${submission.reference}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.fontSize(20).text('Discretionary Housing Payment application received');
    doc.moveDown();
    doc.fontSize(12);
    doc.text(`Reference number: ${submission.reference}`);
    doc.text(`Name: ${submission.fullName}`);
    doc.text(`Submitted: ${new Date(submission.submittedAt).toUTCString()}`);
    doc.text(`Monthly rent declared: £${submission.monthlyRent.toFixed(2)}`);
    doc.text(`Supporting documents: ${submission.evidenceCount}`);
    doc.moveDown();
    doc.text('We will contact you within 14 days. Keep this reference if you call the housing benefits team.');
    doc.end();
  });
}
