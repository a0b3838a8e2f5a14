import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * What several processes over one PostgreSQL need (harmless on SQLite):
 * - `config_state`: one row whose `version` every config write (fields, managers, workflows) bumps in
 *   its own transaction, so a process sees with one cheap read that its in-memory caches are stale;
 * - `events_lead_pending` (PostgreSQL only): a worker holding a lead's lock processes that lead's pending
 *   events in id order.
 */
export class ScaleOut1764400000000 implements MigrationInterface {
  name = 'ScaleOut1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'config_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'bigint' },
        ],
      }),
    );
    await q.query('INSERT INTO config_state (id, version) VALUES (1, 0)');
    // Only PostgreSQL's workers look events up by lead; on SQLite one writer takes them in id order,
    // and the index would only cost a write per event.
    if (q.connection.options.type === 'postgres') {
      await q.createIndex(
        'events',
        new TableIndex({
          name: 'events_lead_pending',
          columnNames: ['lead_id', 'id'],
          where: "status = 'pending'",
        }),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.dropIndex('events', 'events_lead_pending');
    await q.dropTable('config_state');
  }
}
