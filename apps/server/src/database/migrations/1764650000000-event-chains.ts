import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The run budget of an outside event's chain (docs/workflow-format.md, Execution):
 * - `events.chain_id`: the outside event a caused event descends from (null on an outside event,
 *   whose chain is its own id);
 * - `event_chains`: how many runs a chain has recorded so far, one row per chain that ran anything.
 *   A table of its own rather than a column of the outside event: the outbox's `done` mark and the
 *   count then never update the same row in one statement.
 */
export class EventChains1764650000000 implements MigrationInterface {
  name = 'EventChains1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn({ name: 'chain_id', type: 'bigint', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'event_chains',
        columns: [
          { name: 'id', type: 'bigint', isPrimary: true },
          { name: 'runs', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('event_chains');
    await q.dropColumn('events', 'chain_id');
  }
}
