import { logger } from './common/logger';
import { loadConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
  const server = await startServer(loadConfig());
  // SIGTERM finishes the batch of runs in progress before the process exits.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      server.close().then(
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
