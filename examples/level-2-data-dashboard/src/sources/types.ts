export class MalformedPayloadError extends Error {
  constructor(source: string, detail: string) {
    super(`${source} sent a malformed payload: ${detail}`);
    this.name = 'MalformedPayloadError';
  }
}

export interface ParsedDataset<T> {
  records: T[];
  /** Records dropped because they failed validation; any above zero marks the dataset partial. */
  rejected: number;
  publishedAt: string;
}

export interface Source<T> {
  id: SourceId;
  title: string;
  load(): Promise<ParsedDataset<T>>;
}

export type SourceId = 'housing-supply' | 'households';

/** Net additional dwellings for one local authority in one financial year. */
export interface CompletionRecord {
  areaCode: string;
  areaName: string;
  regionName: string;
  financialYear: string;
  netAdditions: number;
  affordableCompletions: number;
}

/** ONS household estimate for one local authority in one year. */
export interface HouseholdRecord {
  areaCode: string;
  areaName: string;
  year: number;
  households: number;
}
