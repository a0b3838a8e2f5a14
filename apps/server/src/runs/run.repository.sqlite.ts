import type { Database, Statement } from 'better-sqlite3';
import type { Sql } from '../database/sql';
import {
  RUN_LIST_ORDER,
  RunRepository,
  runConditions,
  runFromRow,
  runToParams,
  type RunFilter,
  type RunRecord,
  type RunRow,
} from './run.repository';

/** Runs with their steps, one row each; waiting runs double as the timers of `wait` nodes. */
export class SqliteRunRepository extends RunRepository {
  private readonly insertRow: Statement;
  private readonly updateRow: Statement;
  private readonly selectOne: Statement<[string], RunRow>;
  private readonly selectDue: Statement<[number, number], RunRow>;
  private readonly selectWaitingOf: Statement<[string], RunRow>;
  private readonly nextWake: Statement<[], { wake_at: number | null }>;

  constructor(
    private readonly db: Database,
    sql: Sql,
  ) {
    super(sql);
    this.insertRow = db.prepare(
      `INSERT INTO runs (id, workflow_id, workflow_version, lead_id, event_id, event, depth, status, reason, steps,
         started_at, finished_at, resume, wake_at)
       VALUES (@id, @workflowId, @workflowVersion, @leadId, @eventId, @event, @depth, @status, @reason, @steps,
         @startedAt, @finishedAt, @resume, @wakeAt)`,
    );
    this.updateRow = db.prepare(
      `UPDATE runs SET status = @status, reason = @reason, steps = @steps, finished_at = @finishedAt,
         resume = @resume, wake_at = @wakeAt WHERE id = @id`,
    );
    this.selectOne = db.prepare('SELECT * FROM runs WHERE id = ?');
    this.selectDue = db.prepare(
      `SELECT * FROM runs WHERE status = 'waiting' AND wake_at <= ? ORDER BY wake_at, id LIMIT ?`,
    );
    this.selectWaitingOf = db.prepare(`SELECT * FROM runs WHERE status = 'waiting' AND workflow_id = ?`);
    this.nextWake = db.prepare(`SELECT min(wake_at) AS wake_at FROM runs WHERE status = 'waiting'`);
  }

  insert(run: RunRecord): void {
    this.insertRow.run(runToParams(run));
  }

  update(run: RunRecord): void {
    this.updateRow.run(runToParams(run));
  }

  get(id: string): RunRecord | undefined {
    const row = this.selectOne.get(id);
    return row && runFromRow(row);
  }

  /** Newest first, by ids (`RUN_LIST_ORDER`). */
  list(filter: RunFilter): RunRecord[] {
    const { where, params } = runConditions(filter, () => '?');
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ${RUN_LIST_ORDER} LIMIT ? OFFSET ?`;
    return (this.db.prepare(sql).all(...params, filter.limit, filter.offset) as RunRow[]).map(runFromRow);
  }

  due(now: number, limit: number): RunRecord[] {
    return this.selectDue.all(now, limit).map(runFromRow);
  }

  waitingOf(workflowId: string): RunRecord[] {
    return this.selectWaitingOf.all(workflowId).map(runFromRow);
  }

  nextWakeAt(): number | null {
    const row = this.nextWake.get();
    return row?.wake_at == null ? null : Number(row.wake_at);
  }
}
