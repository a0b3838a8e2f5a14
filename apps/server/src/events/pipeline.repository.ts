import type { LeadEvent } from '@leadflow/engine';
import type { Awaitable } from '../leads/lead.repository';

/**
 * The outbox and the pipeline's own writes, per database: SQLite's prepared statements run inside
 * the writer's group commit (`.sqlite`); PostgreSQL's lock, read and flush a worker's batch in one
 * transaction (`.pg`). What both answer to the rest of the server is here.
 */
export abstract class PipelineRepository {
  /** Events stored and not yet processed (the outbox's depth). */
  abstract pendingCount(): Awaitable<number>;
}

/** An event as the pipeline processes it. */
export interface StoredEvent {
  id: number;
  leadId: string;
  event: LeadEvent;
  depth: number;
  /** The outside event whose chain this event belongs to (its own id for an outside event). */
  chainId: number;
  createdAt: number;
}

/** An event's row in the outbox (`events`), as both databases return it (ids may come as strings). */
export interface EventRow {
  id: number | string;
  lead_id: string;
  event: string;
  depth: number;
  chain_id: number | string | null;
  created_at: number | string;
}

/** The event of an outbox row (one mapping for both databases). */
export function storedEventFromRow(row: EventRow): StoredEvent {
  return {
    id: Number(row.id),
    leadId: row.lead_id,
    event: JSON.parse(row.event),
    depth: row.depth,
    chainId: Number(row.chain_id ?? row.id),
    createdAt: Number(row.created_at),
  };
}

/** One value given by a node to a lead's run: a row of the assignment log (`assignments`). */
export interface Assignment {
  workflowId: string;
  nodeId: string;
  value: string;
  runId: string;
  leadId: string;
  at: number;
}
