import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import type { WorkflowFile } from '@leadflow/workflow';
import { AppModule } from '../../src/app.module';
import { managerRow } from '../manager-row';
import { Clock } from '../../src/common/clock';
import { newId } from '../../src/common/ids';
import { loadConfig, type Config } from '../../src/config';
import { ConfigCache } from '../../src/config-cache/config-cache';
import { connectionOf, type Connection, type Transaction } from '../../src/database/connection';
import { openDatabase } from '../../src/database/data-source';
import type { ManagerEntity } from '../../src/database/entities/manager.entity';
import { Sql } from '../../src/database/sql';
import { ManagerRepository } from '../../src/managers/manager.repository';
import { WorkflowRepository } from '../../src/workflows/workflow.repository';
import { createPgDatabase, type TestDatabase } from '../harness';

/** Where the fixtures' clock starts (epoch ms): 2027-01-15T08:00:00Z. */
export const T0 = Date.UTC(2027, 0, 15, 8);

/**
 * A fresh database of one kind, opened the way the server opens it (`openDatabase`, migrations
 * included) and wired by the server's own Nest modules (`AppModule.with`), without HTTP: the
 * repositories a test gets are the ones the modules chose for the dialect.
 */
export interface Fixture {
  database: TestDatabase;
  config: Config;
  connection: Connection;
  app: INestApplicationContext;
  /** The in-memory config; `cache.write(tx => …)` is a config write as the services make it. */
  cache: ConfigCache;
  /** Portable SQL on the server's own connection (`?` placeholders): the tests' fixtures and reads. */
  sql: Sql;
  /** The time the server's clock reads; tests set it. */
  now: number;
  /** A provider of the wired modules (a repository). */
  get<T>(token: abstract new (...args: never[]) => T): T;
  /** Rows of a query on a connection of its own: what another process would read (committed rows only). */
  readOutside<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stores an outbox row (a `lead.created` event of depth 0); returns its id. */
  insertEvent(leadId: string, status: 'pending' | 'done', createdAt?: number): Promise<number>;
  /** Stores an active manager in a config write; returns its id. */
  addManager(email: string, extra?: Partial<ManagerEntity>): Promise<string>;
  /** Stores a workflow (active unless told) in a config write; returns its id. */
  addWorkflow(definition: WorkflowFile, active?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openFixture(database: TestDatabase): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-repo-'));
  let url = `sqlite:${join(dir, 'db.sqlite')}`;
  let drop = async () => undefined as void;
  if (database === 'postgres') ({ url, drop } = await createPgDatabase());
  const config = loadConfig({ DATABASE_URL: url, PORT: '0', LEADFLOW_DEMO: '0' });
  const { dataSource } = await openDatabase(config);
  const connection = connectionOf(dataSource);
  const fixture = {} as Fixture;
  fixture.now = T0;
  const clock = new Clock(() => fixture.now);
  const app = await NestFactory.createApplicationContext(AppModule.with(config, connection, clock), {
    logger: false,
    abortOnError: false,
  });
  const cache = app.get(ConfigCache);
  let created = 0;
  Object.assign(fixture, {
    database,
    config,
    connection,
    app,
    cache,
    sql: app.get(Sql),
    get: <T>(token: abstract new (...args: never[]) => T) => app.get<T>(token as never),
    readOutside: async <T>(text: string, params: unknown[] = []) => {
      if (config.database.type === 'sqlite') {
        const db = new BetterSqlite3(config.database.path, { readonly: true });
        try {
          return db.prepare(text).all(...params) as T[];
        } finally {
          db.close();
        }
      }
      const client = new Client({ connectionString: config.database.url });
      await client.connect();
      try {
        return (await client.query(fixture.sql.text(text), params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    insertEvent: async (leadId: string, status: 'pending' | 'done', createdAt = T0) => {
      const row = await fixture.sql.one<{ id: number | string }>(
        `INSERT INTO events (lead_id, event, depth, status, created_at) VALUES (?, ?, 0, ?, ?) RETURNING id`,
        [leadId, JSON.stringify({ type: 'lead.created' }), status, createdAt],
      );
      return Number(row!.id);
    },
    addManager: async (email: string, extra: Partial<ManagerEntity> = {}) => {
      // Distinct creation times: the config lists managers by created_at, then id.
      const at = T0 + ++created;
      const manager = managerEntity(email, { createdAt: at, updatedAt: at, ...extra });
      await cache.write((tx: Transaction) => app.get(ManagerRepository).insert(tx, manager));
      return manager.id;
    },
    addWorkflow: async (definition: WorkflowFile, active = true) => {
      const id = newId();
      const at = T0 + ++created;
      const workflows = app.get(WorkflowRepository);
      await cache.write(async (tx: Transaction) => {
        await workflows.insert(tx, { id, name: definition.name, definition, at });
        if (active) await workflows.setActive(tx, id, true, at);
      });
      return id;
    },
    close: async () => {
      await app.close();
      await dataSource.destroy();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return fixture;
}

/** A manager's row: active, available, no limits, created at T0, unless `extra` says otherwise. */
export function managerEntity(email: string, extra: Partial<ManagerEntity> = {}): ManagerEntity {
  return managerRow(email, T0, extra);
}

/** A workflow file started by `event` that gives the manager field one of `emails` in turn. */
export function workflowOn(
  event: 'lead.created' | 'lead.fieldUpdated' | 'lead.tagAdded',
  name: string,
  emails: string[] = ['ada@example.com'],
): WorkflowFile {
  return {
    format: 'leadflow.workflow/v1',
    name,
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event } },
      {
        id: 'assign',
        type: 'updateField',
        position: { x: 0, y: 100 },
        data: { field: 'manager', operation: 'replaceWithOneOf', values: emails, strategy: 'roundRobin' },
      },
    ],
    edges: [{ id: 'e1', source: 'start', target: 'assign' }],
  } as WorkflowFile;
}

/** A count as either database answers it (a number, or a bigint as a string). */
export const count = (rows: Array<{ n: number | string }>): number => Number(rows[0]?.n ?? 0);
