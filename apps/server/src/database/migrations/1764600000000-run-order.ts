import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run lists are ordered by ids, not by clocks (`RUN_LIST_ORDER`): newest event first, the runs of
 * one event in creation order. A clock stepped back would otherwise list the newest runs after
 * older ones. These indexes serve that order for the whole list and for one lead or workflow, so
 * a page is the first rows of an index range; (lead_id, event_id, id) replaces (lead_id, started_at),
 * which served only the order by start time.
 */
export class RunOrder1764600000000 implements MigrationInterface {
  name = 'RunOrder1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS runs_lead');
    await q.query('CREATE INDEX runs_listed ON runs (event_id DESC, id)');
    await q.query('CREATE INDEX runs_lead_listed ON runs (lead_id, event_id DESC, id)');
    await q.query('CREATE INDEX runs_workflow_listed ON runs (workflow_id, event_id DESC, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS runs_listed');
    await q.query('DROP INDEX IF EXISTS runs_lead_listed');
    await q.query('DROP INDEX IF EXISTS runs_workflow_listed');
    await q.query('CREATE INDEX runs_lead ON runs (lead_id, started_at)');
  }
}
