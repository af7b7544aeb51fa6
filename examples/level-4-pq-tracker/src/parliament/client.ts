import { logger } from '../logger.js';

/** One written question as returned by the Parliament Written Questions API. */
export interface WrittenQuestion {
  id: number;
  uin: string;
  house: 'Commons' | 'Lords' | 'Bicameral';
  askingMemberId: number;
  askingMember?: { name: string; party?: string } | null;
  answeringBodyId: number;
  answeringBodyName: string;
  dateTabled: string;
  dateForAnswer: string;
  isNamedDay: boolean;
  questionText: string;
  isWithdrawn: boolean;
}

interface QuestionsPage {
  totalResults: number;
  results: { value: WrittenQuestion }[];
}

export interface ParliamentClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  pageSize?: number;
}

export class ParliamentApiError extends Error {}

export class ParliamentClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly pageSize: number;

  constructor(options: ParliamentClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? process.env.PARLIAMENT_API_URL ?? 'https://questions-statements-api.parliament.uk';
    this.timeoutMs = options.timeoutMs ?? Number(process.env.PARLIAMENT_API_TIMEOUT_MS ?? 10_000);
    this.retries = options.retries ?? 3;
    this.backoffMs = options.backoffMs ?? 500;
    this.pageSize = options.pageSize ?? 100;
  }

  /** Unanswered written questions tabled on or after `tabledWhenFrom` (YYYY-MM-DD), all pages. */
  async questionsTabledSince(tabledWhenFrom: string, answeringBodyId?: number): Promise<WrittenQuestion[]> {
    const questions: WrittenQuestion[] = [];
    for (let skip = 0; ; skip += this.pageSize) {
      const url = new URL('/api/writtenquestions/questions', this.baseUrl);
      url.searchParams.set('tabledWhenFrom', tabledWhenFrom);
      url.searchParams.set('answered', 'Unanswered');
      url.searchParams.set('expandMember', 'true');
      url.searchParams.set('skip', String(skip));
      url.searchParams.set('take', String(this.pageSize));
      if (answeringBodyId) url.searchParams.set('answeringBodies', String(answeringBodyId));
      const page = (await this.getJson(url)) as QuestionsPage;
      questions.push(...page.results.map((r) => r.value));
      if (page.results.length === 0 || skip + this.pageSize >= page.totalResults) return questions;
    }
  }

  private async getJson(url: URL): Promise<unknown> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs * 2 ** (attempt - 1));
      let res: Response;
      try {
        res = await fetch(url, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (err) {
        lastError = err; // timeout or network error: retry
        logger.warn({ attempt, url: url.toString(), err: String(err) }, 'parliament api call failed');
        continue;
      }
      if (res.ok) return res.json();
      await res.body?.cancel();
      lastError = new ParliamentApiError(`Parliament API responded ${res.status} for ${url.pathname}`);
      if (res.status < 500 && res.status !== 429) throw lastError;
      logger.warn({ attempt, url: url.toString(), status: res.status }, 'parliament api call failed');
    }
    throw new ParliamentApiError(`Parliament API unavailable after ${this.retries + 1} attempts: ${String(lastError)}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
