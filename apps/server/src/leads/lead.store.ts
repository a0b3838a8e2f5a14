import type { Database, Statement } from 'better-sqlite3';
import { accountKey, isOpenLead, type Lead, type LeadEvent } from '@leadflow/engine';
import type { FieldValue } from '@leadflow/workflow';
import type { ManagerDirectory } from '../managers/manager.directory';

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

/**
 * Leads and their events on SQLite, with prepared statements: this is the hot path of every lead
 * write and every run (TypeORM's per-query cost is ~9× the statement's own here).
 */
export class LeadStore {
  private readonly select: Statement<[string], LeadRow>;
  private readonly selectPage: Statement<[number, number], LeadRow>;
  private readonly insertRow: Statement;
  private readonly updateRow: Statement;
  private readonly insertEvent: Statement;

  constructor(
    db: Database,
    private readonly managers: ManagerDirectory,
  ) {
    this.select = db.prepare('SELECT * FROM leads WHERE id = ?');
    this.selectPage = db.prepare('SELECT * FROM leads ORDER BY id DESC LIMIT ? OFFSET ?');
    this.insertRow = db.prepare(
      `INSERT INTO leads (id, fields, manager_id, tags, open, status, company_key, email_domain, created_at, updated_at)
       VALUES (@id, @fields, @managerId, @tags, @open, @status, @companyKey, @emailDomain, @createdAt, @updatedAt)`,
    );
    this.updateRow = db.prepare(
      `UPDATE leads SET fields = @fields, manager_id = @managerId, tags = @tags, open = @open, status = @status,
       company_key = @companyKey, email_domain = @emailDomain, updated_at = @updatedAt WHERE id = @id`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO events (lead_id, event, depth, chain_id, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
    );
  }

  get(id: string): LeadRecord | undefined {
    const row = this.select.get(id);
    return row && this.toRecord(row);
  }

  list(limit: number, offset: number): LeadRecord[] {
    return this.selectPage.all(limit, offset).map((row) => this.toRecord(row));
  }

  insert(lead: LeadRecord): void {
    this.insertRow.run(this.toParams(lead));
  }

  update(lead: LeadRecord): void {
    this.updateRow.run(this.toParams(lead));
  }

  /**
   * Stores events in the caller's transaction (the outbox). An event that no active workflow's
   * trigger matches now is not stored: it happened, and nothing is to run for it. `chainId` is the
   * outside event the runs that caused these descend from; omitted, they are outside events.
   */
  addEvents(
    leadId: string,
    events: LeadEvent[],
    depth: number,
    at: number,
    wanted: (event: LeadEvent) => boolean,
    chainId: number | null = null,
  ): EventRef[] {
    const stored: EventRef[] = [];
    for (const event of events) {
      if (!wanted(event)) continue;
      stored.push({
        id: Number(this.insertEvent.run(leadId, JSON.stringify(event), depth, chainId, at).lastInsertRowid),
        leadId,
      });
    }
    return stored;
  }

  private toRecord(row: LeadRow): LeadRecord {
    return leadFromRow(row, this.managers);
  }

  private toParams(lead: LeadRecord) {
    return leadToRow(lead, this.managers);
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
