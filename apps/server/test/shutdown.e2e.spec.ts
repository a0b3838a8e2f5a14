import { createPgDatabase } from './harness';
import { api, assertBuilt, freePort, ServerProcess } from './process';

const DEAD_REDIS = 'redis://127.0.0.1:1';

/**
 * SIGTERM ends every role within 15 s whatever is away: what can be closed is closed, and the last
 * line says what was left open.
 */
describe('bounded shutdown (real processes)', () => {
  beforeAll(() => assertBuilt());

  it.each(['api', 'worker', 'all'] as const)(
    'role %s exits within 15 s of SIGTERM while Redis is unreachable, saying what was left',
    async (role) => {
      const { url, drop } = await createPgDatabase();
      const server = new ServerProcess(await freePort(), {
        DATABASE_URL: url,
        REDIS_URL: DEAD_REDIS,
        LEADFLOW_ROLE: role,
        QUEUE_PREFIX: `leadflow-test-${Math.random().toString(36).slice(2, 8)}`,
      });
      try {
        await server.start();
        // The API stores from PostgreSQL alone (the sweeper enqueues once Redis is back).
        if (role !== 'worker')
          expect((await api(server.url, 'POST', '/api/leads', { fields: { name: 'Ada' } })).status).toBe(201);
        const started = Date.now();
        const exit = await Promise.race([
          server.stop('SIGTERM'),
          // Unref'd: once the server has stopped, this timer must not keep jest from exiting.
          new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000).unref()),
        ]);
        const ms = Date.now() - started;
        console.log(
          `role ${role}, Redis unreachable: SIGTERM → ${exit === 'hung' ? 'still running after 20 s' : `exit ${exit} after ${ms} ms`}`,
        );
        expect(exit).toBe(0);
        expect(ms).toBeLessThan(15_000);
        // The last line names what could not be closed cleanly.
        const last = server.output
          .split('\n')
          .filter((line) => line.includes('"msg":"shut down'))
          .map((line) => JSON.parse(line) as { left?: string[] });
        expect(last).toHaveLength(1);
        expect(last[0].left?.join('; ')).toMatch(/Redis did not answer/);
      } finally {
        server.child?.kill('SIGKILL');
        await drop();
      }
    },
    60_000,
  );
});
