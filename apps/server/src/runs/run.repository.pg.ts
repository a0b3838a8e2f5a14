import type { PostgresConnection } from '../database/connection';
import { retrying } from '../database/pg';
import type { Sql } from '../database/sql';
import {
  RUN_LIST_ORDER,
  RunRepository,
  runConditions,
  runFromRow,
  type RunFilter,
  type RunRecord,
  type RunRow,
} from './run.repository';

/** Runs as the API reads them on PostgreSQL, over the pool (a lost connection is retried). */
export class PgRunRepository extends RunRepository {
  constructor(
    private readonly connection: PostgresConnection,
    sql: Sql,
  ) {
    super(sql);
  }

  async get(id: string) {
    const { rows } = await retrying(() =>
      this.connection.pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]),
    );
    return rows[0] && runFromRow(rows[0]);
  }

  async list(filter: RunFilter): Promise<RunRecord[]> {
    const { where, params } = runConditions(filter, (n) => `$${n}`);
    const { rows } = await retrying(() =>
      this.connection.pool.query<RunRow>(
        `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ${RUN_LIST_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      ),
    );
    return rows.map(runFromRow);
  }
}
