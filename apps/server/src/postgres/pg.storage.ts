import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { LeadEvent, RotationState } from '@leadflow/engine';
import { BUMP_CONFIG_VERSION, PROBE_WRITE } from '../database/config-version';
import type { LeadChange, Storage } from '../database/storage';
import { leadFromRow, leadToRow, type EventRef, type LeadRecord, type LeadRow } from '../leads/lead.store';
import type { ManagerDirectory } from '../managers/manager.directory';
import {
  RUN_LIST_ORDER,
  runConditions,
  runFromRow,
  type RunFilter,
  type RunRecord,
  type RunRow,
} from '../runs/run.store';
import type { StoreHealth } from '../database/unavailable';
import { retrying, transaction } from './pg';

const LEAD_COLUMNS =
  'id, fields, manager_id, tags, open, status, company_key, email_domain, created_at, updated_at';

/** A lead's row as parameters in LEAD_COLUMNS order. */
export function leadParams(lead: LeadRecord, managers: ManagerDirectory): unknown[] {
  const r = leadToRow(lead, managers);
  return [
    r.id,
    r.fields,
    r.managerId,
    r.tags,
    r.open === 1,
    r.status,
    r.companyKey,
    r.emailDomain,
    r.createdAt,
    r.updatedAt,
  ];
}

export const UPDATE_LEAD = `UPDATE leads SET fields = $2, manager_id = $3, tags = $4, open = $5, status = $6,
  company_key = $7, email_domain = $8, created_at = $9, updated_at = $10 WHERE id = $1`;

/**
 * Storage on PostgreSQL, over the pg pool. Every event is stored, wanted or not: another process may
 * have activated a workflow this one does not know of yet, and the worker that processes the event
 * decides with caches it checked under the lead's lock.
 */
export class PgStorage implements Storage {
  constructor(
    private readonly pool: Pool,
    private readonly dataSource: DataSource,
    private readonly managers: ManagerDirectory,
    private readonly now: () => number,
    private readonly health: StoreHealth,
  ) {}

  async getLead(id: string) {
    const { rows } = await retrying(() =>
      this.pool.query<LeadRow>('SELECT * FROM leads WHERE id = $1', [id]),
    );
    return rows[0] && leadFromRow(rows[0], this.managers);
  }

  async listLeads(limit: number, offset: number) {
    const { rows } = await retrying(() =>
      this.pool.query<LeadRow>('SELECT * FROM leads ORDER BY id DESC LIMIT $1 OFFSET $2', [limit, offset]),
    );
    return rows.map((row) => leadFromRow(row, this.managers));
  }

  createLead(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]> {
    return this.tracked(
      retrying(async (attempt) => {
        try {
          return await this.insertLead(lead, events);
        } catch (error) {
          // A connection lost after the COMMIT but before its answer: the retry finds the lead stored
          // (its id is ours alone), so the write stands and its events are the ones stored with it.
          if (attempt > 1 && (error as { code?: string }).code === '23505') return this.eventsOf(lead.id);
          throw error;
        }
      }),
    );
  }

  /** Records whether a write was stored, for readiness (see StoreHealth). */
  private async tracked<T>(write: Promise<T>): Promise<T> {
    try {
      const result = await write;
      this.health.stored();
      return result;
    } catch (error) {
      this.health.failed(error);
      throw error;
    }
  }

  private async eventsOf(leadId: string): Promise<EventRef[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM events WHERE lead_id = $1 AND depth = 0 ORDER BY id',
      [leadId],
    );
    return rows.map((row) => ({ id: Number(row.id), leadId }));
  }

  private async insertLead(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]> {
    const params = leadParams(lead, this.managers);
    if (events.length === 0) {
      await this.pool.query(
        `INSERT INTO leads (${LEAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        params,
      );
      return [];
    }
    // One statement is one transaction: the lead and its events commit together, in one round trip.
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH lead AS (INSERT INTO leads (${LEAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))
       INSERT INTO events (lead_id, event, depth, status, created_at)
       SELECT $1, e.event, 0, 'pending', $9 FROM unnest($11::text[]) WITH ORDINALITY AS e(event, n) ORDER BY e.n RETURNING id`,
      [...params, events.map((e) => JSON.stringify(e))],
    );
    return rows.map((row) => ({ id: Number(row.id), leadId: lead.id }));
  }

  changeLead(id: string, change: LeadChange) {
    return this.tracked(
      transaction(this.pool, async (client) => {
        // The row lock orders this write with the workers' runs on the same lead (no lost update) and
        // gives the lead's events ids in commit order, which is what per-lead order rests on.
        const { rows } = await client.query<LeadRow>('SELECT * FROM leads WHERE id = $1 FOR UPDATE', [id]);
        if (!rows[0]) return undefined;
        const current = leadFromRow(rows[0], this.managers);
        const next = change(current);
        if (next.lead === current) return { lead: current, stored: [] as EventRef[] };
        const updated = { ...next.lead, updatedAt: this.now() };
        await client.query(UPDATE_LEAD, leadParams(updated, this.managers));
        return { lead: updated, stored: await insertEvents(client, id, next.events, 0, updated.updatedAt) };
      }),
    );
  }

  async getRun(id: string) {
    const { rows } = await retrying(() => this.pool.query<RunRow>('SELECT * FROM runs WHERE id = $1', [id]));
    return rows[0] && runFromRow(rows[0]);
  }

  async listRuns(filter: RunFilter): Promise<RunRecord[]> {
    const { where, params } = runConditions(filter, (n) => `$${n}`);
    const { rows } = await retrying(() =>
      this.pool.query<RunRow>(
        `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ${RUN_LIST_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, filter.limit, filter.offset],
      ),
    );
    return rows.map(runFromRow);
  }

  async pendingCount() {
    const { rows } = await retrying(() =>
      this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE status = 'pending'`),
    );
    return Number(rows[0].n);
  }

  async probeWrite(): Promise<void> {
    await this.tracked(this.pool.query(PROBE_WRITE));
  }

  async rotation(workflowId: string, nodeId: string): Promise<RotationState | null> {
    const { rows } = await retrying(() =>
      this.pool.query<{ state: string }>(
        'SELECT state FROM rotations WHERE workflow_id = $1 AND node_id = $2',
        [workflowId, nodeId],
      ),
    );
    return rows[0] ? JSON.parse(rows[0].state) : null;
  }

  async configWrite<T>(fn: (em: EntityManager) => Promise<T>, reload: () => Promise<void>): Promise<T> {
    // Checks against the caches may be a moment stale here (another process's write): the unique keys
    // refuse a duplicate all the same (409, see toApiError) and the locks of the callers order the rest.
    const result = await this.tracked(
      this.dataSource.transaction(async (em) => {
        const value = await fn(em);
        await em.query(BUMP_CONFIG_VERSION);
        return value;
      }),
    );
    await reload();
    return result;
  }
}

/** Stores events in the caller's transaction, in order; returns them with their ids. */
export async function insertEvents(
  client: PoolClient,
  leadId: string,
  events: LeadEvent[],
  depth: number,
  at: number,
): Promise<EventRef[]> {
  if (events.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO events (lead_id, event, depth, status, created_at)
     SELECT $1, e.event, $2, 'pending', $3 FROM unnest($4::text[]) WITH ORDINALITY AS e(event, n) ORDER BY e.n RETURNING id`,
    [leadId, depth, at, events.map((e) => JSON.stringify(e))],
  );
  return rows.map((row) => ({ id: Number(row.id), leadId }));
}
