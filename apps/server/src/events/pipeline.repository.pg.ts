import type { Pool, PoolClient } from 'pg';
import type { CompiledWorkflow } from '@leadflow/engine';
import { READ_CONFIG_VERSION } from '../config-cache/config.repository';
import { leadFromRow, type EventRef, type LeadRecord, type LeadRow } from '../leads/lead.repository';
import type { ManagerDirectory } from '../config-cache/manager.directory';
import { processEvent, resumeDueRun } from './process-event';
import { Snapshot, type Miss } from './snapshot';
import { runFromRow, runToParams, type RunRecord, type RunRow } from '../runs/run.repository';
import type { WorkflowRegistry } from '../config-cache/workflow.registry';
import { retrying, transaction } from '../database/pg';
import { PipelineRepository, storedEventFromRow, type StoredEvent } from './pipeline.repository';
import { leadParams } from '../leads/lead.repository.pg';

export interface PgPipelineRepositoryDeps {
  pool: Pool;
  managers: ManagerDirectory;
  workflows: WorkflowRegistry;
  now: () => number;
  /** Reloads the in-memory config (managers, fields, active workflows) when the stored version moved past it. */
  refreshConfig(version: number): Promise<void>;
}

// Events of one lead taken per round; a round's runs are flushed before the next reads what they caused.
const ROUND = 64;
// Types of leadParams' values, in order.
const LEAD_TYPES = [
  'varchar',
  'text',
  'varchar',
  'text',
  'boolean',
  'varchar',
  'varchar',
  'varchar',
  'bigint',
  'bigint',
];
// See BATCH_MS (pipeline/dispatcher.ts).
const YIELD_MS = 50;
const EVENT_TYPES = ['varchar', 'text', 'integer', 'bigint', 'varchar', 'bigint'];
const RUN_COLUMNS = [
  'id',
  'workflow_id',
  'workflow_version',
  'lead_id',
  'event_id',
  'event',
  'depth',
  'status',
  'reason',
  'steps',
  'started_at',
  'finished_at',
  'resume',
  'wake_at',
];

/**
 * Processes events on PostgreSQL, from any number of processes at once, with the guarantees of the
 * single SQLite writer:
 * - **per-lead order**: a transaction locks the lead's row (`FOR UPDATE`) and then processes *all* of
 *   that lead's pending events in id order. Every event of a lead is stored while its row is locked
 *   (or with the row, for `lead.created`), so ids follow commit order; two workers holding jobs of the
 *   same lead take turns, and the second finds the first's events done;
 * - **exactly once**: an event's runs, the lead's changes and its `done` mark commit together; a
 *   re-delivered job finds nothing pending and does nothing; a worker that dies leaves a rolled-back
 *   transaction and the event pending;
 * - **exact rotations**: see `lockRotations`.
 * The engine and `processEvent` are the same synchronous code as on SQLite, over a `Snapshot`.
 */
export class PgPipelineRepository extends PipelineRepository {
  constructor(private readonly deps: PgPipelineRepositoryDeps) {
    super();
  }

  async pendingCount(): Promise<number> {
    const { rows } = await retrying(() =>
      this.deps.pool.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE status = 'pending'`),
    );
    return Number(rows[0].n);
  }

  /** The leads with pending events, the lead of the oldest first. */
  async pendingLeads(limit: number): Promise<string[]> {
    const { rows } = await this.deps.pool.query<{ lead_id: string }>(
      `SELECT lead_id FROM events WHERE status = 'pending' GROUP BY lead_id ORDER BY min(id) LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.lead_id);
  }

  /** Pending events stored before `before` (epoch ms), oldest first: those the queue may have missed. */
  async pendingBefore(before: number, limit: number): Promise<EventRef[]> {
    const { rows } = await this.deps.pool.query<{ id: string; lead_id: string }>(
      `SELECT id, lead_id FROM events WHERE status = 'pending' AND created_at < $1 ORDER BY id LIMIT $2`,
      [before, limit],
    );
    return rows.map((row) => ({ id: Number(row.id), leadId: row.lead_id }));
  }

  /**
   * Processes every pending event of these leads, in id order, in one transaction; returns the runs.
   * Several leads share a transaction as several requests share a SQLite commit: the rotation rows
   * are then locked, and the commit paid, once for all of them.
   */
  processLeads(leadIds: string[]): Promise<RunRecord[]> {
    return transaction(this.deps.pool, async (client) => {
      const leads = await this.lockLeads(client, leadIds);
      return this.drain(client, leadIds, leads, null);
    });
  }

  /**
   * Resumes one due waiting run, claimed with `FOR UPDATE SKIP LOCKED` so that each is resumed by
   * one process while the others take the next; null when none is due.
   */
  resumeOneDue(): Promise<RunRecord[] | null> {
    return transaction(this.deps.pool, async (client) => {
      const { rows } = await client.query<RunRow>(
        `SELECT * FROM runs WHERE status = 'waiting' AND wake_at <= $1 ORDER BY wake_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [this.deps.now()],
      );
      if (!rows[0]) return null;
      const run = runFromRow(rows[0]);
      const leads = await this.lockLeads(client, [run.leadId]);
      await this.deps.workflows.ensure(run.workflowId, run.workflowVersion, async () => {
        const found = await client.query<{ definition: string }>(
          'SELECT definition FROM workflow_versions WHERE workflow_id = $1 AND version = $2',
          [run.workflowId, run.workflowVersion],
        );
        return found.rows[0]?.definition;
      });
      return this.drain(client, [run.leadId], leads, run);
    });
  }

  /** When the next waiting run is due, or null. */
  async nextWakeAt(): Promise<number | null> {
    const { rows } = await this.deps.pool.query<{ at: string | null }>(
      `SELECT min(wake_at) AS at FROM runs WHERE status = 'waiting'`,
    );
    return rows[0]?.at == null ? null : Number(rows[0].at);
  }

  /**
   * Locks the leads (in id order, so two transactions cannot wait on each other) and, in the same
   * statement, reads the config version: stale caches are reloaded before any run.
   */
  private async lockLeads(client: PoolClient, leadIds: string[]): Promise<LeadRecord[]> {
    const { rows } = await client.query<LeadRow & { config_version: string }>(
      `SELECT l.*, (${READ_CONFIG_VERSION}) AS config_version FROM leads l WHERE l.id = ANY($1) ORDER BY l.id FOR UPDATE OF l`,
      [leadIds],
    );
    const version = rows[0]
      ? Number(rows[0].config_version)
      : Number((await client.query<{ version: string }>(READ_CONFIG_VERSION)).rows[0].version);
    // A workflow deactivated before this read committed cannot run here: the active set is reloaded first.
    await this.deps.refreshConfig(version);
    return rows.map((row) => leadFromRow(row, this.deps.managers));
  }

  private async drain(
    client: PoolClient,
    leadIds: string[],
    leads: LeadRecord[],
    resume: RunRecord | null,
  ): Promise<RunRecord[]> {
    const { managers, workflows, now } = this.deps;
    const runs: RunRecord[] = [];
    let current: Iterable<LeadRecord> = leads;
    const limit = ROUND * leadIds.length;
    // Chain counts carry over from round to round (the next round's events are of the same chains).
    const chains = new Map<number, number>();
    let slice = performance.now();
    for (;;) {
      // With each event, the runs its chain has recorded (the run budget), read under the lead's lock
      // like the events: every event of a chain is of this lead.
      const { rows } = await client.query<{
        id: string;
        lead_id: string;
        event: string;
        depth: number;
        chain_id: string | null;
        chain_runs: number | null;
        created_at: string;
      }>(
        `SELECT e.id, e.lead_id, e.event, e.depth, e.chain_id, c.runs AS chain_runs, e.created_at
         FROM events e LEFT JOIN event_chains c ON c.id = coalesce(e.chain_id, e.id)
         WHERE e.lead_id = ANY($1) AND e.status = 'pending' ORDER BY e.id LIMIT ${limit}`,
        [leadIds],
      );
      if (rows.length === 0 && !resume) break;
      const events: StoredEvent[] = rows.map(storedEventFromRow);
      const snapshot = new Snapshot(current, managers, workflows, now);
      for (const [chainId, runs] of chains) snapshot.chains.set(chainId, runs);
      for (const [i, row] of rows.entries())
        if (!snapshot.chains.has(events[i].chainId))
          snapshot.chains.set(events[i].chainId, row.chain_runs ?? 0);
      const involved: Array<{ id: string; compiled: CompiledWorkflow | undefined }> = events.flatMap((e) =>
        workflows.match(e.event),
      );
      if (resume)
        involved.push({
          id: resume.workflowId,
          compiled: workflows.version(resume.workflowId, resume.workflowVersion),
        });
      await this.lockRotations(client, snapshot, involved);
      if (resume) {
        const run = resume;
        runs.push(await this.replay(client, snapshot, () => resumeDueRun(snapshot, run)));
        resume = null;
      }
      for (const event of events) {
        runs.push(...(await this.replay(client, snapshot, () => processEvent(snapshot, event))));
        // The engine is synchronous: let requests in between events once it has run a while.
        if (performance.now() - slice > YIELD_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          slice = performance.now();
        }
      }
      await this.flush(client, snapshot);
      current = snapshot.leadsById.values();
      for (const [chainId, runs] of snapshot.chains) chains.set(chainId, runs);
      // Nothing caused and the round not full: nothing can be pending (new events of these leads wait for their locks).
      if (snapshot.events.length === 0 && rows.length < limit) break;
    }
    return runs;
  }

  /** Runs `fn` over the snapshot until it needs nothing that is not loaded. */
  private async replay<T>(client: PoolClient, snapshot: Snapshot, fn: () => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const checkpoint = snapshot.checkpoint();
      let result: T | undefined;
      try {
        result = fn();
      } catch (error) {
        // A read outside the engine (a chain's run count) throws its miss straight through.
        if (!snapshot.miss) throw error;
      }
      const miss = snapshot.miss;
      if (!miss) return result as T;
      snapshot.restore(checkpoint);
      if (attempt > 100) throw new Error(`processing kept asking for data it did not get (${miss.kind})`);
      await this.fetch(client, snapshot, miss);
    }
  }

  private async fetch(client: PoolClient, snapshot: Snapshot, miss: Miss): Promise<void> {
    if (miss.kind === 'rotation') {
      await this.lockRotationKeys(client, snapshot, [[miss.workflowId, miss.nodeId]]);
    } else if (miss.kind === 'openLeads') {
      // Read after the rotation locks, so runs of the same node see each other's assignments. The team is
      // small: count for all of it at once rather than one manager per re-run.
      const ids = [...new Set([miss.managerId, ...this.deps.managers.all().map((m) => m.id)])].filter(
        (id) => !snapshot.openLeads.has(id),
      );
      const { rows } = await client.query<{ manager_id: string; n: string }>(
        'SELECT manager_id, count(*) AS n FROM leads WHERE open = TRUE AND manager_id = ANY($1) GROUP BY manager_id',
        [ids],
      );
      const counts = new Map(ids.map((id) => [id, 0]));
      for (const row of rows) counts.set(row.manager_id, Number(row.n));
      snapshot.setOpenLeads(counts);
    } else if (miss.kind === 'chain') {
      const { rows } = await client.query<{ runs: number }>('SELECT runs FROM event_chains WHERE id = $1', [
        miss.chainId,
      ]);
      snapshot.chains.set(miss.chainId, rows[0]?.runs ?? 0);
    } else if (miss.kind === 'chainOf') {
      const { rows } = await client.query<{ chain: string }>(
        'SELECT coalesce(chain_id, id) AS chain FROM events WHERE id = $1',
        [miss.eventId],
      );
      snapshot.chainsOf.set(miss.eventId, Number(rows[0]?.chain ?? miss.eventId));
    } else {
      const column = miss.by === 'company' ? 'company_key' : 'email_domain';
      const { rows } = await client.query<{ id: string; manager_id: string }>(
        `SELECT id, manager_id FROM leads WHERE ${column} = $1 AND id <> $2 AND manager_id IS NOT NULL ORDER BY id DESC LIMIT 100`,
        [miss.key, miss.exceptLeadId],
      );
      snapshot.setAccount(
        miss.by,
        miss.key,
        miss.exceptLeadId,
        rows.map((row) => ({ leadId: row.id, managerId: row.manager_id })),
      );
    }
  }

  /** Locks the rotation rows of every `replaceWithOneOf` node of the workflows this round may run. */
  private lockRotations(
    client: PoolClient,
    snapshot: Snapshot,
    involved: Array<{ id: string; compiled: CompiledWorkflow | undefined }>,
  ): Promise<void> {
    const keys = new Map<string, [string, string]>();
    for (const { id, compiled } of involved) {
      for (const node of compiled?.nodes.values() ?? []) {
        if (
          node.type === 'updateField' &&
          node.operation === 'replaceWithOneOf' &&
          !snapshot.hasRotation(id, node.id)
        ) {
          keys.set(`${id}\u0000${node.id}`, [id, node.id]);
        }
      }
    }
    return this.lockRotationKeys(client, snapshot, [...keys.values()]);
  }

  /**
   * Why a rotation moves atomically across processes: its row stays locked (`SELECT … FOR UPDATE`) from
   * before the engine reads the state until the transaction that writes the new state commits, so
   * the runs of one node, wherever they run, read and move the cursor one after another. Every
   * transaction locks its rows in the same order (workflow, node), so two cannot wait on each other;
   * a missing row is first inserted (`ON CONFLICT DO NOTHING`) so there is always a row to lock. The
   * rare deadlock left (a later round needing a row that sorts earlier) is broken by PostgreSQL and
   * the transaction runs again (see `transaction`).
   */
  private async lockRotationKeys(
    client: PoolClient,
    snapshot: Snapshot,
    keys: Array<[string, string]>,
  ): Promise<void> {
    if (keys.length === 0) return;
    keys.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
    const params = [keys.map((k) => k[0]), keys.map((k) => k[1])];
    const select = () =>
      client.query<{ workflow_id: string; node_id: string; state: string }>(
        `SELECT workflow_id, node_id, state FROM rotations
         WHERE (workflow_id, node_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
         ORDER BY workflow_id, node_id FOR UPDATE`,
        params,
      );
    let { rows } = await select();
    if (rows.length < keys.length) {
      await client.query(
        `INSERT INTO rotations (workflow_id, node_id, state, updated_at)
         SELECT w, n, 'null', $3 FROM unnest($1::text[], $2::text[]) AS k(w, n) ON CONFLICT DO NOTHING`,
        [...params, this.deps.now()],
      );
      ({ rows } = await select());
    }
    for (const row of rows) snapshot.setRotation(row.workflow_id, row.node_id, JSON.parse(row.state));
  }

  /**
   * Writes what the round's runs did, in the transaction that holds the locks: one statement (the
   * writes as data-modifying CTEs) so the rotation rows are held for one more round trip, not five.
   */
  private async flush(client: PoolClient, s: Snapshot): Promise<void> {
    const params: unknown[] = [];
    const p = (value: unknown, type?: string) => (
      params.push(value),
      type ? `$${params.length}::${type}` : `$${params.length}`
    );
    const row = (values: unknown[], types?: string[]) =>
      `(${values.map((v, i) => p(v, types?.[i])).join(', ')})`;
    const statements: string[] = [];
    if (s.changedLeads.size) {
      // The casts type the VALUES rows.
      const rows = [...s.changedLeads].map((id) =>
        row(leadParams(s.leadsById.get(id)!, this.deps.managers), LEAD_TYPES),
      );
      statements.push(
        `UPDATE leads AS l SET fields = v.fields, manager_id = v.manager_id, tags = v.tags, open = v.open, status = v.status,
           company_key = v.company_key, email_domain = v.email_domain, updated_at = v.updated_at
         FROM (VALUES ${rows.join(', ')}) AS v(id, fields, manager_id, tags, open, status, company_key, email_domain, created_at, updated_at)
         WHERE l.id = v.id`,
      );
    }
    if (s.insertedRuns.length) {
      statements.push(
        `INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES ${s.insertedRuns.map((run) => row(runRow(run))).join(', ')}`,
      );
    }
    for (const run of s.updatedRuns) {
      const r = runToParams(run);
      statements.push(
        `UPDATE runs SET status = ${p(r.status)}, reason = ${p(r.reason)}, steps = ${p(r.steps)}, finished_at = ${p(r.finishedAt)},
           resume = ${p(r.resume)}, wake_at = ${p(r.wakeAt)} WHERE id = ${p(r.id)}`,
      );
    }
    for (const w of s.rotationWrites.values()) {
      statements.push(
        `UPDATE rotations SET state = ${p(JSON.stringify(w.state))}, updated_at = ${p(w.at)} WHERE workflow_id = ${p(w.workflowId)} AND node_id = ${p(w.nodeId)}`,
      );
    }
    if (s.assignments.length) {
      const rows = s.assignments.map((a) => row([a.workflowId, a.nodeId, a.value, a.runId, a.leadId, a.at]));
      statements.push(
        `INSERT INTO assignments (workflow_id, node_id, value, run_id, lead_id, at) VALUES ${rows.join(', ')}`,
      );
    }
    if (s.doneEvents.length) {
      statements.push(
        `UPDATE events SET status = 'done', processed_at = ${p(this.deps.now())} WHERE id = ANY(${p(s.doneEvents, 'bigint[]')})`,
      );
    }
    if (s.events.length) {
      // VALUES rows take their ids in order: caused events keep the order the runs made them in.
      const rows = s.events.map((e) =>
        row([e.leadId, JSON.stringify(e.event), e.depth, e.chainId, 'pending', e.at], EVENT_TYPES),
      );
      statements.push(
        `INSERT INTO events (lead_id, event, depth, chain_id, status, created_at) VALUES ${rows.join(', ')}`,
      );
    }
    if (s.chainWrites.size) {
      const rows = [...s.chainWrites].map(([id, runs]) => row([id, runs], ['bigint', 'integer']));
      statements.push(
        `INSERT INTO event_chains (id, runs) VALUES ${rows.join(', ')} ON CONFLICT (id) DO UPDATE SET runs = excluded.runs`,
      );
    }
    if (statements.length === 0) return;
    // Each sub-statement touches other rows, so none needs to see another's effect.
    await client.query(
      statements.length === 1
        ? statements[0]
        : `WITH ${statements.map((sql, i) => `w${i} AS (${sql})`).join(', ')} SELECT 1`,
      params,
    );
  }
}

function runRow(run: RunRecord): unknown[] {
  const p = runToParams(run);
  return [
    p.id,
    p.workflowId,
    p.workflowVersion,
    p.leadId,
    p.eventId,
    p.event,
    p.depth,
    p.status,
    p.reason,
    p.steps,
    p.startedAt,
    p.finishedAt,
    p.resume,
    p.wakeAt,
  ];
}
