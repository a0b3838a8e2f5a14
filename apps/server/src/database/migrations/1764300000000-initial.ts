import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions';

// Written with TypeORM's schema builder so the same migration runs on SQLite and PostgreSQL.
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const ms = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
const flag = (name: string, dflt?: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: dflt === undefined ? undefined : dflt,
});
// SQLite autoincrements only an INTEGER PRIMARY KEY; PostgreSQL needs bigint for a long-lived outbox.
const serial = (q: QueryRunner): TableColumnOptions => ({
  name: 'id',
  type: q.connection.options.type === 'postgres' ? 'bigint' : 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});

export class Initial1764300000000 implements MigrationInterface {
  name = 'Initial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'fields',
        columns: [
          { name: 'key', type: 'varchar', length: '40', isPrimary: true },
          str('label', 200),
          str('type', 20),
          text('options', true),
          flag('built_in', false),
          ms('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'managers',
        columns: [
          id(),
          str('name', 200),
          { ...str('email', 320), isUnique: true },
          flag('active', true),
          flag('available', true),
          ms('away_until', true),
          text('working_hours', true),
          int('capacity', true),
          text('attributes'),
          ms('created_at'),
          ms('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'leads',
        columns: [
          id(),
          text('fields'),
          ref('manager_id', true),
          text('tags'),
          flag('open'),
          str('status', 200, true),
          str('company_key', 200, true),
          str('email_domain', 255, true),
          ms('created_at'),
          ms('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'leads_manager_open', columnNames: ['manager_id', 'open'] }),
          new TableIndex({ name: 'leads_company_key', columnNames: ['company_key'] }),
          new TableIndex({ name: 'leads_email_domain', columnNames: ['email_domain'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'workflows',
        columns: [
          id(),
          str('name', 200),
          flag('active', false),
          int('version'),
          ms('created_at'),
          ms('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'workflow_versions',
        columns: [
          { ...ref('workflow_id'), isPrimary: true },
          { ...int('version'), isPrimary: true },
          text('definition'),
          ms('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          serial(q),
          ref('lead_id'),
          text('event'),
          int('depth'),
          str('status', 10),
          ms('created_at'),
          ms('processed_at', true),
        ],
        indices: [
          // Partial: only the pending rows (the outbox's work list) are indexed, so marking an event done shrinks it.
          new TableIndex({ name: 'events_pending', columnNames: ['id'], where: "status = 'pending'" }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'runs',
        columns: [
          id(),
          ref('workflow_id'),
          int('workflow_version'),
          ref('lead_id'),
          ms('event_id'),
          text('event'),
          int('depth'),
          str('status', 10),
          text('reason', true),
          text('steps'),
          ms('started_at'),
          ms('finished_at', true),
          text('resume', true),
          ms('wake_at', true),
        ],
        indices: [
          new TableIndex({ name: 'runs_lead', columnNames: ['lead_id', 'started_at'] }),
          new TableIndex({ name: 'runs_workflow', columnNames: ['workflow_id', 'started_at'] }),
          new TableIndex({ name: 'runs_started', columnNames: ['started_at'] }),
          new TableIndex({ name: 'runs_waiting', columnNames: ['wake_at'], where: "status = 'waiting'" }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rotations',
        columns: [
          { ...ref('workflow_id'), isPrimary: true },
          { ...str('node_id', 64), isPrimary: true },
          text('state'),
          ms('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assignments',
        columns: [
          serial(q),
          ref('workflow_id'),
          str('node_id', 64),
          text('value'),
          ref('run_id'),
          ref('lead_id'),
          ms('at'),
        ],
        indices: [
          new TableIndex({ name: 'assignments_node', columnNames: ['workflow_id', 'node_id', 'value'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'assignments',
      'rotations',
      'runs',
      'events',
      'workflow_versions',
      'workflows',
      'leads',
      'managers',
      'fields',
    ]) {
      await q.dropTable(table);
    }
  }
}
