import { LRUCache } from 'lru-cache';
import type { Metrics } from './metrics.js';

/**
 * Per-instance cache of computed aggregates. Keys include the ingestion time of every dataset
 * they read, so a new ingestion makes old entries unreachable instead of serving them.
 */
export class AggregateCache {
  private readonly lru = new LRUCache<string, object>({ max: 200, ttl: 60 * 60 * 1000 });

  constructor(private readonly metrics: Metrics) {}

  get<T extends object>(name: string, versions: Array<string | undefined>, compute: () => T): T {
    const key = `${name}@${versions.join('|')}`;
    const hit = this.lru.get(key) as T | undefined;
    this.metrics.aggregateCache.inc({ result: hit ? 'hit' : 'miss' });
    if (hit) return hit;
    const value = compute();
    this.lru.set(key, value);
    return value;
  }
}
