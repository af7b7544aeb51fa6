import type { FastifyBaseLogger } from 'fastify';

/** Runs a task now and then every intervalMs, never overlapping a run that is still going. */
export function schedule(name: string, intervalMs: number, task: () => Promise<void>, logger: FastifyBaseLogger) {
  let running = false;
  const run = async () => {
    if (running) {
      logger.warn({ job: name }, 'Previous run still in progress; skipping');
      return;
    }
    running = true;
    try {
      await task();
    } catch (err) {
      logger.error({ job: name, err }, 'Scheduled job failed');
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, intervalMs);
  return () => clearInterval(timer);
}
