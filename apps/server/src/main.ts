import { logger } from './common/logger';
import { loadConfig } from './config';
import { startServer } from './server';

/** SIGTERM/SIGINT → exit within this long, in every role and whatever is away (docs/operations.md). */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  const server = await startServer(loadConfig());
  // SIGTERM finishes the batch of runs in progress before the process exits.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      // The last word: whatever still hangs, the process is gone 15 s after the signal.
      setTimeout(() => {
        logger.error(
          { left: ['the shutdown itself (a step outlived its own deadline)'] },
          `shut down: ${SHUTDOWN_DEADLINE_MS / 1000} s passed, exiting`,
        );
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS);
      server.close().then(
        // What was left is in the last line; the shutdown itself went as planned.
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error) => {
  logger.fatal({ err: error }, 'leadflow could not start');
  process.exit(1);
});
