import { homesPerThousandHouseholds, latestYear, regionTotals, yearTotals } from './aggregates.js';
import type { AggregateCache } from './cache.js';
import { assessFreshness, type SourceFreshness } from './freshness.js';
import type { Metrics } from './metrics.js';
import type { DashboardRepository } from './repository.js';
import type { SourceId } from './sources/types.js';

export const sourceTitles: Record<SourceId, string> = {
  'housing-supply': 'Housing supply statistics',
  households: 'ONS household estimates',
};

export interface DashboardDeps {
  repo: DashboardRepository;
  cache: AggregateCache;
  metrics: Metrics;
  staleAfterHours: number;
  now?: () => Date;
}

/** Reads the stored datasets once per request and hands back figures with their freshness. */
export class Dashboard {
  constructor(private readonly deps: DashboardDeps) {}

  async load() {
    const { repo, cache, metrics, staleAfterHours, now = () => new Date() } = this.deps;
    const [completions, households, statuses] = await Promise.all([
      repo.getDataset('housing-supply'),
      repo.getDataset('households'),
      repo.statuses(),
    ]);
    const datasets = { 'housing-supply': completions, households };
    const freshness: SourceFreshness[] = (Object.keys(sourceTitles) as SourceId[]).map((id) => {
      const f = assessFreshness(id, sourceTitles[id], statuses.find((s) => s.source === id), datasets[id], now(), staleAfterHours);
      metrics.sourceStale.set({ source: id }, f.state === 'stale' || f.state === 'missing' ? 1 : 0);
      if (f.ageHours !== undefined) metrics.sourceAge.set({ source: id }, f.ageHours);
      return f;
    });
    const year = completions ? latestYear(completions.records) : undefined;
    const versions = [completions?.ingestedAt, households?.ingestedAt];

    return {
      freshness,
      year,
      completions,
      households,
      regions: () => (completions && year ? cache.get('regions', versions, () => regionTotals(completions.records, year)) : []),
      trend: () => (completions ? cache.get('trend', versions, () => yearTotals(completions.records)) : []),
      // Rates need both sources; without household estimates they are not shown at all.
      rates: () =>
        completions && households && year
          ? cache.get('rates', versions, () => homesPerThousandHouseholds(completions.records, households.records, year))
          : undefined,
    };
  }
}

export type DashboardSnapshot = Awaited<ReturnType<Dashboard['load']>>;
