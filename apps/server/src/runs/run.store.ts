import type { Database, Statement } from 'better-sqlite3';
import type { RunStatus } from '@leadflow/api';
import type { LeadEvent, ResumePoint, Step } from '@leadflow/engine';

export type { RunStatus };

export interface RunRecord {
  id: string;
  workflowId: string;
  workflowVersion: number;
  leadId: string;
  eventId: number;
  event: LeadEvent;
  depth: number;
  status: RunStatus;
  reason: string | null;
  steps: Step[];
  startedAt: number;
  finishedAt: number | null;
  resume: ResumePoint | null;
  wakeAt: number | null;
}

export interface RunRow {
  id: string;
  workflow_id: string;
  workflow_version: number;
  lead_id: string;
  event_id: number;
  event: string;
  depth: number;
  status: RunStatus;
  reason: string | null;
  steps: string;
  started_at: number;
  finished_at: number | null;
  resume: string | null;
  wake_at: number | null;
}

export interface RunFilter {
  leadId?: string;
  workflowId?: string;
  status?: RunStatus;
  limit: number;
  offset: number;
}

/**
 * The order of `GET /api/runs`: newest first by ids, never by clocks (a clock stepped back would
 * list the newest runs after older ones). Events are numbered by the database in the order they
 * are stored, across every process, so the runs of a later event come first; the runs of one
 * event (several workflows on the same lead) keep their creation order, by their UUIDv7 ids,
 * which one process makes in increasing order.
 */
export const RUN_LIST_ORDER = 'ORDER BY event_id DESC, id ASC';

/** Runs with their steps, one row each; waiting runs double as the timers of `wait` nodes. */
export class RunStore {
  private readonly insertRow: Statement;
  private readonly updateRow: Statement;
  private readonly selectOne: Statement<[string], RunRow>;
  private readonly selectDue: Statement<[number, number], RunRow>;
  private readonly selectWaitingOf: Statement<[string], RunRow>;
  private readonly nextWake: Statement<[], { wake_at: number | null }>;

  constructor(private readonly db: Database) {
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

/** The WHERE terms of a run listing, with the database's placeholder for the n-th parameter. */
export function runConditions(
  filter: RunFilter,
  placeholder: (n: number) => string,
): { where: string[]; params: string[] } {
  const conditions = (
    [
      ['lead_id', filter.leadId],
      ['workflow_id', filter.workflowId],
      ['status', filter.status],
    ] as Array<[string, string | undefined]>
  ).filter((c): c is [string, string] => c[1] !== undefined && c[1] !== '');
  return {
    where: conditions.map(([column], i) => `${column} = ${placeholder(i + 1)}`),
    params: conditions.map(([, value]) => value),
  };
}

export function runToParams(run: RunRecord) {
  return {
    ...run,
    event: JSON.stringify(run.event),
    steps: JSON.stringify(run.steps),
    resume: run.resume ? JSON.stringify(run.resume) : null,
  };
}

export function runFromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    leadId: row.lead_id,
    eventId: Number(row.event_id),
    event: JSON.parse(row.event),
    depth: row.depth,
    status: row.status,
    reason: row.reason,
    steps: JSON.parse(row.steps),
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    resume: row.resume ? JSON.parse(row.resume) : null,
    wakeAt: row.wake_at === null ? null : Number(row.wake_at),
  };
}

/** The API's shape of a run. */
export function runView(run: RunRecord) {
  return {
    id: run.id,
    workflowId: run.workflowId,
    workflowVersion: run.workflowVersion,
    leadId: run.leadId,
    event: { id: String(run.eventId), ...run.event, depth: run.depth },
    status: run.status,
    ...(run.reason ? { reason: run.reason } : {}),
    startedAt: new Date(run.startedAt).toISOString(),
    finishedAt: run.finishedAt === null ? null : new Date(run.finishedAt).toISOString(),
    ...(run.wakeAt !== null && run.status === 'waiting'
      ? { wakeAt: new Date(run.wakeAt).toISOString() }
      : {}),
    steps: run.steps,
  };
}
