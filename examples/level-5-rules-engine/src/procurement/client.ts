import type { AssessmentResult, Supplier } from '../assessments/types.js';

export class ProcurementApiError extends Error {}

export interface OutcomeNotice {
  assessmentId: string;
  supplierId: string;
  rulesetVersion: string;
  outcome: AssessmentResult['outcome'];
  unmetRequirements: string[];
}

/** The department's procurement system: supplier records in, assessment outcomes out. */
export class ProcurementClient {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;

  constructor(opts: { baseUrl?: string; token?: string; timeoutMs?: number } = {}) {
    this.baseUrl = opts.baseUrl ?? process.env.PROCUREMENT_API_URL ?? 'http://localhost:4010';
    this.token = opts.token ?? process.env.PROCUREMENT_API_TOKEN;
    this.timeoutMs = opts.timeoutMs ?? Number(process.env.PROCUREMENT_API_TIMEOUT_MS ?? 5_000);
  }

  async getSupplier(supplierId: string): Promise<Supplier> {
    return (await this.call('GET', `/suppliers/${encodeURIComponent(supplierId)}`)) as Supplier;
  }

  async postOutcome(procurementReference: string, notice: OutcomeNotice): Promise<void> {
    await this.call('POST', `/procurements/${encodeURIComponent(procurementReference)}/carbon-reduction-plan-outcomes`, notice);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ProcurementApiError(`Procurement system unreachable (${method} ${path}): ${(err as Error).name}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ProcurementApiError(`Procurement system responded ${res.status} (${method} ${path})`);
    }
    return res.status === 204 ? undefined : res.json();
  }
}
