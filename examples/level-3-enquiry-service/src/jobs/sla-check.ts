import type { Logger } from 'pino';
import type { EnquiryRepository } from '../db/repository.js';
import type { SlaStatus } from '../domain/enquiry.js';
import { slaStatus } from '../domain/sla.js';
import type { Metrics } from '../metrics.js';

export type SlaSummary = Record<'on_track' | 'at_risk' | 'breached', number> & { changed: number };

/** Recomputes the SLA flag of every open enquiry. Idempotent, so two replicas running it at once is harmless. */
export async function runSlaCheck(repo: EnquiryRepository, now: Date): Promise<SlaSummary> {
  const summary: SlaSummary = { on_track: 0, at_risk: 0, breached: 0, changed: 0 };
  for (const enquiry of await repo.listOpen()) {
    const status = slaStatus(enquiry, now) as Exclude<SlaStatus, 'met' | 'missed'>;
    summary[status]++;
    if (status !== enquiry.slaStatus) {
      await repo.updateSlaStatus(enquiry.id, status);
      summary.changed++;
    }
  }
  return summary;
}

export function scheduleSlaCheck(repo: EnquiryRepository, metrics: Metrics, logger: Logger, intervalMs: number) {
  const tick = async () => {
    try {
      const summary = await runSlaCheck(repo, new Date());
      for (const status of ['on_track', 'at_risk', 'breached'] as const) {
        metrics.openEnquiriesBySla.set({ sla_status: status }, summary[status]);
      }
      logger.info({ summary }, 'sla check complete');
    } catch (error) {
      logger.error({ err: error }, 'sla check failed');
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
