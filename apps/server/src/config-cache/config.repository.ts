import type { FieldDef } from '@leadflow/workflow';
import type { DataSource } from 'typeorm';
import type { Transaction } from '../database/connection';
import type { Sql } from '../database/sql';
import type { ManagerRow } from './manager.directory';

/** Bumped by every config write in its transaction; a process whose caches were loaded at an older version reloads them. */
export const BUMP_CONFIG_VERSION = 'UPDATE config_state SET version = version + 1 WHERE id = 1';
export const READ_CONFIG_VERSION = 'SELECT version FROM config_state WHERE id = 1';
/** A write that changes nothing: readiness stores it to learn whether writes are stored again (see StoreHealth). */
export const PROBE_WRITE = 'UPDATE config_state SET version = version WHERE id = 1';

/** The stored config as the caches load it: the team, the custom fields, the active workflows' current versions. */
export interface ConfigRows {
  managers: ManagerRow[];
  fields: Array<{ key: string; label: string; type: FieldDef['type']; options: string | null }>;
  active: Array<{ id: string; version: number; definition: string }>;
}

/**
 * What the in-memory config reads and how config writes commit, per database. The reads are
 * portable SQL (here); the write transaction and the readiness probe differ (SQLite: through the
 * one writer; PostgreSQL: a pooled transaction), see the `.sqlite` and `.pg` files beside this one.
 */
export abstract class ConfigRepository {
  constructor(protected readonly sql: Sql) {}

  /**
   * A manager's open leads, counted synchronously (SQLite); absent on PostgreSQL, where runs get
   * counts from their snapshot.
   */
  readonly openLeads?: (managerId: string) => number;
  /** A stored workflow version's definition, read synchronously (SQLite); absent on PostgreSQL. */
  readonly definition?: (workflowId: string, version: number) => string | undefined;

  /**
   * Runs `fn` in one transaction that also bumps the config version; `after` (the caches' reload)
   * runs after the commit. On SQLite it runs before the next config write starts (both hold the
   * writer's lock); on PostgreSQL other writes, of this process or another, may commit meanwhile, and
   * the unique keys and row locks order them instead (a stale cache's check is made again by the
   * database).
   */
  abstract write<T>(fn: (tx: Transaction) => Promise<T>, after: () => Promise<void>): Promise<T>;

  /** `fn` in a transaction of `dataSource` that also bumps the config version. */
  protected bumpingTransaction<T>(dataSource: DataSource, fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return dataSource.transaction(async (tx) => {
      const value = await fn(tx);
      await tx.query(BUMP_CONFIG_VERSION);
      return value;
    });
  }

  /** Stores a write that changes nothing (readiness, while writes fail); rejects with the cause when it cannot. */
  abstract probeWrite(): Promise<void>;

  async readVersion(): Promise<number> {
    const row = await this.sql.one<{ version: string | number }>(READ_CONFIG_VERSION);
    return Number(row?.version ?? 0);
  }

  async readAll(): Promise<ConfigRows> {
    const [managers, fields, active] = await Promise.all([
      this.sql.query<ManagerRow>('SELECT * FROM managers ORDER BY created_at, id'),
      this.sql.query<ConfigRows['fields'][number]>(
        'SELECT key, label, type, options FROM fields ORDER BY created_at, key',
      ),
      this.sql.query<ConfigRows['active'][number]>(
        `SELECT w.id, w.version, v.definition FROM workflows w
         JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version
         WHERE w.active = TRUE ORDER BY w.created_at, w.id`,
      ),
    ]);
    return { managers, fields, active };
  }

  /** Whether the database answers a query at all (readiness). */
  async answers(): Promise<boolean> {
    return this.sql.query('SELECT 1 AS ok').then(
      () => true,
      () => false,
    );
  }
}
