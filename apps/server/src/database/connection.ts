import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { poolOf } from './pg';
import { Sql, type Dialect } from './sql';
import { StoreHealth } from './unavailable';
import { Writer } from './writer';

/** The SQLite side: one connection, and the writer every write goes through (group commit). */
export interface SqliteConnection {
  dialect: 'sqlite';
  dataSource: DataSource;
  db: Database;
  writer: Writer;
  /** Whether writes are being stored (readiness reads it); the writer's own. */
  health: StoreHealth;
}

/** The PostgreSQL side: the pool TypeORM opened, used directly on the hot path. */
export interface PostgresConnection {
  dialect: 'postgres';
  dataSource: DataSource;
  pool: Pool;
  health: StoreHealth;
}

/**
 * The open database of this process, one of the two. Only repositories (and the modules that
 * choose them) look inside it; services never do.
 */
export type Connection = SqliteConnection | PostgresConnection;

/**
 * An open transaction, handed from a service to the repositories that write in it (a config write
 * and its audit-worthy checks commit together). Opaque to services: only repositories use it.
 */
export type Transaction = EntityManager;

/** Wraps an initialised data source as the connection of its dialect. */
export function connectionOf(dataSource: DataSource): Connection {
  if (dataSource.options.type === 'postgres') {
    return { dialect: 'postgres', dataSource, pool: poolOf(dataSource), health: new StoreHealth() };
  }
  const db = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  const writer = new Writer(db);
  return { dialect: 'sqlite', dataSource, db, writer, health: writer.health };
}

/**
 * The implementation of a repository for the connection's dialect: the one place where a dialect is
 * chosen, when the modules are wired (see each capability's module).
 */
export function byDialect<T>(
  connection: Connection,
  make: { sqlite: (c: SqliteConnection) => T; postgres: (c: PostgresConnection) => T },
): T {
  return connection.dialect === 'sqlite' ? make.sqlite(connection) : make.postgres(connection);
}

/** Portable SQL over the connection (see Sql). */
export function sqlOf(connection: Connection): Sql {
  return new Sql(connection.dataSource);
}

export type { Dialect };

/** The injection token of the process's Connection (see DatabaseModule). */
export const CONNECTION = Symbol('Connection');
