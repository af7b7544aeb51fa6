import { logger } from '../logger.js';
import { migrate } from './migrate.js';
import { createPool } from './pool.js';

const pool = createPool();
const client = await pool.connect();
try {
  const applied = await migrate(client);
  logger.info({ applied }, 'migrations complete');
} catch (error) {
  logger.error({ err: error }, 'migrations failed');
  process.exitCode = 1;
} finally {
  client.release();
  await pool.end();
}
