import type { LeadEvent, RotationState } from '@leadflow/engine';
import type { EntityManager } from 'typeorm';
import type { EventRef, LeadRecord } from '../leads/lead.store';
import type { RunFilter, RunRecord } from '../runs/run.store';

/** A value now (SQLite's prepared statements) or later (PostgreSQL): services await either. */
export type Awaitable<T> = T | Promise<T>;

/** A change to a lead: the lead as it should be stored (the same object when nothing changed) and its events. */
export type LeadChange = (lead: LeadRecord) => { lead: LeadRecord; events: LeadEvent[] };

/**
 * What the services read and write, one implementation per database: SQLite's over prepared statements
 * and the group-committing writer, PostgreSQL's over a connection pool with row locks. The services
 * are the same code on both.
 */
export interface Storage {
  getLead(id: string): Awaitable<LeadRecord | undefined>;
  listLeads(limit: number, offset: number): Awaitable<LeadRecord[]>;
  /** Stores a new lead and its events in one transaction; the returned events are durable. */
  createLead(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]>;
  /** Reads, changes and stores a lead with its events in one transaction; undefined for an unknown lead. */
  changeLead(id: string, change: LeadChange): Promise<{ lead: LeadRecord; stored: EventRef[] } | undefined>;
  getRun(id: string): Awaitable<RunRecord | undefined>;
  listRuns(filter: RunFilter): Awaitable<RunRecord[]>;
  pendingCount(): Awaitable<number>;
  rotation(workflowId: string, nodeId: string): Awaitable<RotationState | null>;
  /** Stores a write that changes nothing (readiness, while writes fail); rejects with the cause when it cannot. */
  probeWrite(): Promise<void>;
  /**
   * A config write (fields, managers, workflows) in one transaction that also bumps the config
   * version; `reload` refreshes the in-memory config after the commit, before the next config write starts here.
   */
  configWrite<T>(fn: (em: EntityManager) => Promise<T>, reload: () => Promise<void>): Promise<T>;
}
