import type { Database } from 'better-sqlite3';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { READ_CONFIG_VERSION } from './database/config-version';
import { Sql } from './database/sql';
import { SqliteStorage } from './database/sqlite.storage';
import type { Storage } from './database/storage';
import { StoreHealth } from './database/unavailable';
import { Writer } from './database/writer';
import { FieldCatalogue } from './fields/field.catalogue';
import { LeadStore } from './leads/lead.store';
import { ManagerDirectory, type ManagerRow } from './managers/manager.directory';
import type { Dispatcher, SqlitePipelineDeps } from './pipeline/dispatcher';
import { PipelineStore } from './pipeline/pipeline.store';
import { poolOf } from './postgres/pg';
import { PgPipeline } from './postgres/pg.pipeline';
import { PgStorage } from './postgres/pg.storage';
import { RunStore } from './runs/run.store';
import type { FieldDef } from '@leadflow/workflow';
import { WorkflowRegistry } from './workflows/workflow.registry';

/** The SQLite parts: one connection, its writer and the prepared-statement stores. */
export interface SqliteParts {
  db: Database;
  writer: Writer;
  deps: SqlitePipelineDeps;
}

/** The PostgreSQL parts: the pool and the pipeline that workers run. */
export interface PostgresParts {
  pool: Pool;
  pipeline: PgPipeline;
}

/**
 * The parts every service shares, built once per process over one database: the in-memory config
 * (managers, fields, active workflows), the storage of the configured database and the dispatcher.
 */
export class AppContext {
  readonly sql: Sql;
  readonly managers: ManagerDirectory;
  readonly fields = new FieldCatalogue();
  readonly workflows: WorkflowRegistry;
  readonly storage: Storage;
  readonly sqlite: SqliteParts | null = null;
  readonly postgres: PostgresParts | null = null;
  /** Whether this process's writes are being stored (a full disk, a lost database): readiness reads it. */
  readonly health: StoreHealth;
  /** Set by the server for its role (see server.ts); tests may swap it. */
  dispatcher: Dispatcher = {
    eventsStored: () => undefined,
    start: () => undefined,
    stop: async () => undefined,
  };
  /** Job counts of the queue (scaled-out mode, api role), for the metrics. */
  queueCounts?: () => Promise<Record<string, number>>;
  /** Whether Redis answers (scaled-out mode), for readiness. */
  redisReady?: () => Promise<boolean>;
  private configVersion = -1;
  private reloading: Promise<void> | null = null;

  private constructor(
    readonly config: Config,
    readonly dataSource: DataSource,
    readonly now: () => number,
  ) {
    this.sql = new Sql(dataSource);
    if (config.database.type === 'sqlite') {
      const db = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
      const countOpen = db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM leads WHERE manager_id = ? AND open = 1',
      );
      const selectVersion = db.prepare<[string, number], { definition: string }>(
        'SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?',
      );
      this.managers = new ManagerDirectory((id) => countOpen.get(id)?.n ?? 0);
      this.workflows = new WorkflowRegistry((id, version) => selectVersion.get(id, version)?.definition);
      const writer = new Writer(db);
      this.health = writer.health;
      const deps: SqlitePipelineDeps = {
        leads: new LeadStore(db, this.managers),
        runs: new RunStore(db),
        store: new PipelineStore(db),
        managers: this.managers,
        workflows: this.workflows,
        now,
      };
      this.sqlite = { db, writer, deps };
      this.storage = new SqliteStorage({
        writer,
        leads: deps.leads,
        runs: deps.runs,
        pipeline: deps.store,
        workflows: this.workflows,
        dataSource,
        now,
      });
    } else {
      const pool = poolOf(dataSource);
      this.health = new StoreHealth();
      this.managers = new ManagerDirectory();
      this.workflows = new WorkflowRegistry();
      const pipeline = new PgPipeline({
        pool,
        managers: this.managers,
        workflows: this.workflows,
        now,
        refreshConfig: (version) => this.refreshConfig(version),
      });
      this.postgres = { pool, pipeline };
      this.storage = new PgStorage(pool, dataSource, this.managers, now, this.health);
    }
  }

  static async open(
    config: Config,
    dataSource: DataSource,
    now: () => number = Date.now,
  ): Promise<AppContext> {
    const context = new AppContext(config, dataSource, now);
    await context.reloadConfig();
    return context;
  }

  /** Loads the managers, the custom fields and the active workflows into memory. */
  reloadConfig(): Promise<void> {
    const reload = async () => {
      const version = await this.readConfigVersion();
      const [managers, fields, active] = await Promise.all([
        this.sql.query<ManagerRow>('SELECT * FROM managers ORDER BY created_at, id'),
        this.sql.query<{ key: string; label: string; type: FieldDef['type']; options: string | null }>(
          'SELECT key, label, type, options FROM fields ORDER BY created_at, key',
        ),
        this.sql.query<{ id: string; version: number; definition: string }>(
          `SELECT w.id, w.version, v.definition FROM workflows w
           JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version
           WHERE w.active = TRUE ORDER BY w.created_at, w.id`,
        ),
      ]);
      this.managers.load(managers);
      this.fields.load(fields);
      this.workflows.load(active);
      this.configVersion = version;
    };
    // Concurrent callers share one reload; a call made during a reload waits for it and reloads again.
    const previous = this.reloading ?? Promise.resolve();
    const next = previous.then(reload, reload).finally(() => {
      if (this.reloading === next) this.reloading = null;
    });
    this.reloading = next;
    return next;
  }

  /**
   * Reloads the in-memory config when another process changed it (several processes on PostgreSQL).
   * `version` is the stored version when the caller read it already (the workers read it with the lead's lock).
   */
  async refreshConfig(version?: number): Promise<void> {
    const stored = version ?? (await this.readConfigVersion());
    if (stored > this.configVersion) await this.reloadConfig();
  }

  private async readConfigVersion(): Promise<number> {
    const row = await this.sql.one<{ version: string | number }>(READ_CONFIG_VERSION);
    return Number(row?.version ?? 0);
  }
}
