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
