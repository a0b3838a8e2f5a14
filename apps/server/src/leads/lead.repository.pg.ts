import type { LeadEvent } from '@leadflow/engine';
import type { PoolClient } from 'pg';
import type { Clock } from '../common/clock';
import type { ConfigCache } from '../config-cache/config-cache';
import type { ManagerDirectory } from '../config-cache/manager.directory';
import type { PostgresConnection } from '../database/connection';
import { retrying, transaction } from '../database/pg';
import type { Sql } from '../database/sql';
import {
  LeadRepository,
  leadFromRow,
  leadToRow,
  type EventRef,
  type LeadChange,
  type LeadRecord,
  type LeadRow,
} from './lead.repository';

export const LEAD_COLUMNS =
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
 * Leads on PostgreSQL, over the pg pool. Every event is stored, wanted or not: another process may
 * have activated a workflow this one does not know of yet, and the worker that processes the event
 * decides with caches it checked under the lead's lock.
 */
export class PgLeadRepository extends LeadRepository {
  constructor(
    private readonly connection: PostgresConnection,
    private readonly config: ConfigCache,
    private readonly clock: Clock,
    sql: Sql,
  ) {
    super(sql);
  }

  private get pool() {
    return this.connection.pool;
  }

  async get(id: string) {
    const { rows } = await retrying(() =>
      this.pool.query<LeadRow>('SELECT * FROM leads WHERE id = $1', [id]),
    );
    return rows[0] && leadFromRow(rows[0], this.config.managers);
  }

  async list(limit: number, offset: number) {
    const { rows } = await retrying(() =>
      this.pool.query<LeadRow>('SELECT * FROM leads ORDER BY id DESC LIMIT $1 OFFSET $2', [limit, offset]),
    );
    return rows.map((row) => leadFromRow(row, this.config.managers));
  }

  create(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]> {
    return this.connection.health.track(
      retrying(async (attempt) => {
        try {
          return await this.insert(lead, events);
        } catch (error) {
          // A connection lost after the COMMIT but before its answer: the retry finds the lead stored
          // (its id is ours alone), so the write stands and its events are the ones stored with it.
          if (attempt > 1 && (error as { code?: string }).code === '23505') return this.eventsOf(lead.id);
          throw error;
        }
      }),
    );
  }

  change(id: string, change: LeadChange) {
    return this.connection.health.track(
      transaction(this.pool, async (client) => {
        // The row lock orders this write with the workers' runs on the same lead (no lost update) and
        // gives the lead's events ids in commit order, which is what per-lead order rests on.
        const { rows } = await client.query<LeadRow>('SELECT * FROM leads WHERE id = $1 FOR UPDATE', [id]);
        if (!rows[0]) return undefined;
        const managers = this.config.managers;
        const current = leadFromRow(rows[0], managers);
        const next = change(current);
        if (next.lead === current) return { lead: current, stored: [] as EventRef[] };
        const updated = { ...next.lead, updatedAt: this.clock.now() };
        await client.query(UPDATE_LEAD, leadParams(updated, managers));
        return { lead: updated, stored: await insertEvents(client, id, next.events, 0, updated.updatedAt) };
      }),
    );
  }

  private async eventsOf(leadId: string): Promise<EventRef[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM events WHERE lead_id = $1 AND depth = 0 ORDER BY id',
      [leadId],
    );
    return rows.map((row) => ({ id: Number(row.id), leadId }));
  }

  private async insert(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]> {
    const params = leadParams(lead, this.config.managers);
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
