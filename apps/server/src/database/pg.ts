import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { logger } from '../common/logger';
import { isConnectionLoss } from './unavailable';

/** The pg pool TypeORM opened: the hot path talks to it directly (TypeORM's per-query cost is high). */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

const guarded = new WeakSet<object>();

/**
 * Handles the `error` events of the pool and of every client it hands out. PostgreSQL ends
 * connections on its own (a failover, a pooler restart, `pg_terminate_backend`): pg then emits
 * `error` on the client, and a client checked out (between two statements of a transaction) has no
 * listener of pg's own, so without this one the process dies of an unhandled `error` event. The
 * statement in progress fails on its own and is retried by its caller (see `transaction`, `retrying`).
 */
export function guardPool(pool: Pool): void {
  if (guarded.has(pool)) return;
  guarded.add(pool);
  pool.on('error', (error) =>
    logger.warn({ err: error }, 'an idle PostgreSQL connection was lost; the pool opens another'),
  );
  const guard = (client: PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (error) =>
      logger.warn(
        { err: error },
        'a PostgreSQL connection in use was lost; its statement fails and is retried',
      ),
    );
  };
  // 'connect' for new clients, 'acquire' for those opened before this guard (TypeORM's first queries).
  pool.on('connect', guard);
  pool.on('acquire', guard);
}

// Deadlock and serialization failures: the transaction is rolled back whole and can simply run again.
const RETRYABLE = new Set(['40P01', '40001']);
/** How long a lost connection is retried before the caller gets the error (≈ 3 s over 6 attempts). */
const CONNECTION_RETRIES = [50, 100, 200, 400, 800, 1600];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a statement again on a new connection when its connection was lost (up to ≈ 3 s), then lets
 * the error through (a 503 for a request). `fn` gets the attempt number (1, 2, …): a write that may
 * have committed before its answer was lost must tell that case apart itself (see PgStorage.createLead).
 */
export async function retrying<T>(fn: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const delay = CONNECTION_RETRIES[attempt - 1];
      if (delay === undefined || !isConnectionLoss(error)) throw error;
      logger.warn({ err: error, attempt }, 'PostgreSQL connection lost; retrying');
      await sleep(delay);
    }
  }
}

/**
 * Runs `fn` in a transaction on one pooled connection; run again when PostgreSQL chose it as a
 * deadlock victim, or when its connection was lost (a transaction cut off before its COMMIT was
 * rolled back; the pipeline's are idempotent anyway: a re-run finds its events done).
 */
export async function transaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  let lost = 0;
  for (let attempt = 1; ; attempt++) {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      const delay = CONNECTION_RETRIES[lost++];
      if (delay === undefined || !isConnectionLoss(error)) throw error;
      await sleep(delay);
      continue;
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      if (isConnectionLoss(error)) {
        // The connection is gone: destroy it rather than hand it back to the pool.
        broken ??= error as Error;
        const delay = CONNECTION_RETRIES[lost++];
        if (delay === undefined) throw error;
        logger.warn({ err: error, attempt }, 'PostgreSQL connection lost in a transaction; running it again');
        await sleep(delay);
        continue;
      }
      const code = (error as { code?: string }).code;
      if (!(code && RETRYABLE.has(code) && attempt < 8)) throw error;
    } finally {
      client.release(broken);
    }
  }
}
