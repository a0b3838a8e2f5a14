import type { RunStatus } from '@leadflow/api';
import type { LeadEvent, ResumePoint, Step } from '@leadflow/engine';
import type { Transaction } from '../database/connection';
import type { Sql } from '../database/sql';
import type { Awaitable } from '../leads/lead.repository';

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

/**
 * Runs with their steps, one row each; waiting runs double as the timers of `wait` nodes. SQLite's
 * implementation holds the hot path's prepared statements (`.sqlite`), PostgreSQL's reads over the
 * pool (`.pg`; the workers write runs in their batch, events/pipeline.repository.pg.ts). The
 * statements below are portable SQL, the same on both.
 */
export abstract class RunRepository {
  constructor(protected readonly sql: Sql) {}

  abstract get(id: string): Awaitable<RunRecord | undefined>;
  /** Newest first, by ids (`RUN_LIST_ORDER`). */
  abstract list(filter: RunFilter): Awaitable<RunRecord[]>;

  /**
   * Ends a workflow's waiting runs as skipped, in a config write's transaction. On PostgreSQL a run
   * being resumed right now holds its row: this waits for it and then skips it only if it still waits.
   */
  async skipWaiting(tx: Transaction, workflowId: string, reason: string, at: number): Promise<void> {
    await this.sql.query(
      `UPDATE runs SET status = 'skipped', reason = ?, finished_at = ?, resume = NULL, wake_at = NULL
       WHERE workflow_id = ? AND status = 'waiting'`,
      [reason, at, workflowId],
      tx,
    );
  }

  /** How many runs are recorded, per status. */
  async countByStatus(): Promise<Array<{ status: string; n: number }>> {
    const rows = await this.sql.query<{ status: string; n: number | string }>(
      'SELECT status, count(*) AS n FROM runs GROUP BY status',
    );
    return rows.map((row) => ({ status: row.status, n: Number(row.n) }));
  }

  /** Milliseconds from event stored to run finished, for the finished runs of outside events started since `since` (epoch ms). */
  async latenciesSince(since: number): Promise<number[]> {
    const rows = await this.sql.query<{ ms: number | string }>(
      `SELECT r.finished_at - e.created_at AS ms FROM runs r JOIN events e ON e.id = r.event_id
       WHERE r.started_at >= ? AND r.depth = 0 AND r.finished_at IS NOT NULL`,
      [since],
    );
    return rows.map((row) => Number(row.ms));
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
