import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { FieldEntity } from './entities/field.entity';
import { LeadEntity } from './entities/lead.entity';
import { ManagerEntity } from './entities/manager.entity';
import {
  AssignmentEntity,
  EventChainEntity,
  EventEntity,
  RotationEntity,
  RunEntity,
} from './entities/pipeline.entities';
import { WorkflowEntity, WorkflowVersionEntity } from './entities/workflow.entity';
import { guardPool, poolOf } from './pg';
import { Initial1764300000000 } from './migrations/1764300000000-initial';
import { ScaleOut1764400000000 } from './migrations/1764400000000-scale-out';
import { AccountIndex1764500000000 } from './migrations/1764500000000-account-index';
import { RunOrder1764600000000 } from './migrations/1764600000000-run-order';
import { EventChains1764650000000 } from './migrations/1764650000000-event-chains';

export const ENTITIES = [
  FieldEntity,
  ManagerEntity,
  LeadEntity,
  WorkflowEntity,
  WorkflowVersionEntity,
  EventEntity,
  RunEntity,
  RotationEntity,
  AssignmentEntity,
  EventChainEntity,
];
export const MIGRATIONS = [
  Initial1764300000000,
  ScaleOut1764400000000,
  AccountIndex1764500000000,
  RunOrder1764600000000,
  EventChains1764650000000,
];

/** Any constant shared by every Leadflow process: the key of the migration advisory lock. */
const MIGRATION_LOCK = 7_164_300;

export function dataSourceOptions(config: Config): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (config.database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      extra: { max: Number(process.env.PG_POOL_SIZE || 20) },
    };
  }
  mkdirSync(dirname(config.database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      // The drivers' defaults differ: say what we mean. NORMAL in WAL mode survives a process
      // crash (what a 201 promises); FULL also survives a power cut, at several times the cost.
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${config.sqliteSynchronous}`);
      db.pragma('busy_timeout = 5000');
    },
  };
}

/** Opens the database and brings its schema up to date; `created` tells a new database. */
export async function openDatabase(config: Config): Promise<{ dataSource: DataSource; created: boolean }> {
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  if (config.database.type === 'sqlite') {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, created: ran.some((m) => m.name === Initial1764300000000.name) };
  }
  guardPool(poolOf(dataSource));
  // Several processes may start at once: an advisory lock lets one migrate while the others wait.
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, created: ran.some((m) => m.name === Initial1764300000000.name) };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
