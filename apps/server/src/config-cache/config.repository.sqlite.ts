import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { SqliteConnection, Transaction } from '../database/connection';
import type { Sql } from '../database/sql';
import { freeBytes } from '../database/unavailable';
import { ConfigRepository, PROBE_WRITE } from './config.repository';

const MIN_FREE_BYTES = 1024 * 1024;

/** Config writes on SQLite: through the one writer, between its group commits. */
export class SqliteConfigRepository extends ConfigRepository {
  private probe: Statement | undefined;
  override readonly openLeads: (managerId: string) => number;
  override readonly definition: (workflowId: string, version: number) => string | undefined;

  constructor(
    private readonly connection: SqliteConnection,
    sql: Sql,
  ) {
    super(sql);
    const countOpen = connection.db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM leads WHERE manager_id = ? AND open = 1',
    );
    const selectVersion = connection.db.prepare<[string, number], { definition: string }>(
      'SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?',
    );
    this.openLeads = (id) => countOpen.get(id)?.n ?? 0;
    this.definition = (id, version) => selectVersion.get(id, version)?.definition;
  }

  write<T>(fn: (tx: Transaction) => Promise<T>, after: () => Promise<void>): Promise<T> {
    const { writer, dataSource } = this.connection;
    // One connection: async TypeORM work waits for the group commits (see Writer).
    return writer.exclusive(async () => {
      const result = await this.bumpingTransaction(dataSource, fn);
      // Still inside the lock: the next config write checks against the caches this one left.
      await after();
      return result;
    });
  }

  async probeWrite(): Promise<void> {
    const { writer } = this.connection;
    // A write small enough to fit in the space a refused one left would prove little: with less than
    // 1 MiB free the disk still counts as full.
    const free = await freeBytes(dirname(writer.db.name));
    if (free !== null && free < MIN_FREE_BYTES) {
      const error = Object.assign(new Error(`the disk holding ${writer.db.name} has ${free} bytes free`), {
        code: 'SQLITE_FULL',
      });
      writer.health.failed(error);
      throw error;
    }
    this.probe ??= writer.db.prepare(PROBE_WRITE);
    const probe = this.probe;
    await writer.transaction(() => probe.run());
  }
}
