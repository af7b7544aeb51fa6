import type { DhpApplication, EvidenceFile } from '../application.js';

export class CaseApiError extends Error {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaseApiError';
  }
}

export interface CaseApi {
  uploadEvidence(file: { filename: string; mimeType: string; content: Buffer }): Promise<Pick<EvidenceFile, 'documentId'>>;
  submitApplication(application: Required<DhpApplication>): Promise<{ reference: string }>;
}

/** Talks to the council's case-management system, which owns DHP cases and their documents. */
export class HttpCaseApi implements CaseApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async uploadEvidence(file: { filename: string; mimeType: string; content: Buffer }) {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(file.content)], { type: file.mimeType }), file.filename);
    const json = await this.post('/v1/documents', body);
    if (typeof json.documentId !== 'string') throw new CaseApiError('Case API returned no documentId');
    return { documentId: json.documentId };
  }

  async submitApplication(application: Required<DhpApplication>) {
    const json = await this.post('/v1/dhp-applications', JSON.stringify(application), 'application/json');
    if (typeof json.reference !== 'string') throw new CaseApiError('Case API returned no reference');
    return { reference: json.reference };
  }

  private async post(path: string, body: BodyInit, contentType?: string): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.apiKey}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new CaseApiError(`Case API request to ${path} failed`, undefined, { cause: err });
    }
    if (!response.ok) throw new CaseApiError(`Case API ${path} responded ${response.status}`, response.status);
    return (await response.json()) as Record<string, unknown>;
  }
}
