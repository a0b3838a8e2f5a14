import type { PostgresConnection, Transaction } from '../database/connection';
import type { Sql } from '../database/sql';
import { ConfigRepository, PROBE_WRITE } from './config.repository';

/** Config writes on PostgreSQL: a pooled transaction, recorded for readiness. */
export class PgConfigRepository extends ConfigRepository {
  constructor(
    private readonly connection: PostgresConnection,
    sql: Sql,
  ) {
    super(sql);
  }

  async write<T>(fn: (tx: Transaction) => Promise<T>, after: () => Promise<void>): Promise<T> {
    // Checks against the caches may be a moment stale here (another process's write): the unique keys
    // refuse a duplicate all the same (409, see toApiError) and the locks of the callers order the rest.
    const result = await this.connection.health.track(
      this.bumpingTransaction(this.connection.dataSource, fn),
    );
    await after();
    return result;
  }

  async probeWrite(): Promise<void> {
    await this.connection.health.track(this.connection.pool.query(PROBE_WRITE));
  }
}
