import { accountKey, isOpenLead, type Lead, type LeadEvent } from '@leadflow/engine';
import type { FieldValue } from '@leadflow/workflow';
import type { ManagerDirectory } from '../config-cache/manager.directory';
import type { Transaction } from '../database/connection';
import type { Sql } from '../database/sql';

/** A value now (SQLite's prepared statements) or later (PostgreSQL): services await either. */
export type Awaitable<T> = T | Promise<T>;

/** A lead as the API shows it: `fields.manager` is the manager's email or null. */
export interface LeadRecord extends Lead {
  createdAt: number;
  updatedAt: number;
}

/** An event as stored in the outbox: what a dispatcher needs to hand it on. */
export interface EventRef {
  id: number;
  leadId: string;
}

export interface LeadRow {
  id: string;
  fields: string;
  manager_id: string | null;
  tags: string;
  created_at: number;
  updated_at: number;
}

/** A change to a lead: the lead as it should be stored (the same object when nothing changed) and its events. */
export type LeadChange = (lead: LeadRecord) => { lead: LeadRecord; events: LeadEvent[] };

/**
 * Leads and the events their writes cause (the outbox rows are written with the lead, in its
 * transaction), one implementation per database: SQLite's over prepared statements and the
 * group-committing writer (`.sqlite`), PostgreSQL's over the pool with row locks (`.pg`). The
 * counts below are portable SQL, the same on both.
 */
export abstract class LeadRepository {
  constructor(protected readonly sql: Sql) {}

  abstract get(id: string): Awaitable<LeadRecord | undefined>;
  /** Newest first. */
  abstract list(limit: number, offset: number): Awaitable<LeadRecord[]>;
  /** Stores a new lead and its events in one transaction; the returned events are durable. */
  abstract create(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]>;
  /** Reads, changes and stores a lead with its events in one transaction; undefined for an unknown lead. */
  abstract change(
    id: string,
    change: LeadChange,
  ): Promise<{ lead: LeadRecord; stored: EventRef[] } | undefined>;

  /** Open leads per manager id (managers with none are absent). */
  async openLeadsByManager(): Promise<Map<string, number>> {
    const rows = await this.sql.query<{ manager_id: string; n: number | string }>(
      'SELECT manager_id, count(*) AS n FROM leads WHERE open = TRUE AND manager_id IS NOT NULL GROUP BY manager_id',
    );
    return new Map(rows.map((row) => [row.manager_id, Number(row.n)]));
  }

  /** One manager's open leads. */
  async openLeadsOf(managerId: string): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(
      'SELECT count(*) AS n FROM leads WHERE manager_id = ? AND open = TRUE',
      [managerId],
    );
    return Number(row?.n ?? 0);
  }

  /** All the leads a manager holds, open or not, in a config write's transaction. */
  async countOf(managerId: string, tx: Transaction): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(
      'SELECT count(*) AS n FROM leads WHERE manager_id = ?',
      [managerId],
      tx,
    );
    return Number(row?.n ?? 0);
  }

  /**
   * The leads that hold a value for a custom field. A text search, so it may find more than a real
   * use (the key quoted inside a value), never less.
   */
  async countHolding(fieldKey: string, tx: Transaction): Promise<number> {
    const row = await this.sql.one<{ n: number | string }>(
      'SELECT count(*) AS n FROM leads WHERE fields LIKE ?',
      [`%${JSON.stringify(fieldKey)}:%`],
      tx,
    );
    return Number(row?.n ?? 0);
  }
}

/** A stored row as the API and the engine see the lead (one mapping for every database). */
export function leadFromRow(row: LeadRow, managers: Pick<ManagerDirectory, 'emailOf'>): LeadRecord {
  const fields = JSON.parse(row.fields) as Record<string, FieldValue>;
  fields.manager = managers.emailOf(row.manager_id);
  return {
    id: row.id,
    fields,
    tags: JSON.parse(row.tags),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The row of a lead, with the columns derived from its fields (manager, open, status, account keys). */
export function leadToRow(lead: LeadRecord, managers: Pick<ManagerDirectory, 'byEmailOrUndefined'>) {
  const { manager = null, ...rest } = lead.fields;
  const managerId = manager === null ? null : (managers.byEmailOrUndefined(String(manager))?.id ?? null);
  return {
    id: lead.id,
    fields: JSON.stringify(rest),
    managerId,
    tags: JSON.stringify(lead.tags),
    open: isOpenLead(lead.fields) ? 1 : 0,
    status: typeof lead.fields.status === 'string' ? lead.fields.status : null,
    companyKey: accountKey('company', lead),
    emailDomain: accountKey('emailDomain', lead),
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
  };
}
