import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** The pg pool TypeORM opened: the hot path talks to it directly (TypeORM's per-query cost is high). */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

// Deadlock and serialization failures: the transaction is rolled back whole and can simply run again.
const RETRYABLE = new Set(['40P01', '40001']);

/** Runs `fn` in a transaction on one pooled connection; retried when PostgreSQL chose it as a deadlock victim. */
export async function transaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      const code = (error as { code?: string }).code;
      if (!(code && RETRYABLE.has(code) && attempt < 8)) throw error;
    } finally {
      client.release(broken);
    }
  }
}
