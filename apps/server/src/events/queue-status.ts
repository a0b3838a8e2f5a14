/**
 * The queue's health as readiness and the metrics report it (scaled-out mode); both absent without
 * a queue (SQLite, or PostgreSQL without REDIS_URL).
 */
export class QueueStatus {
  /** Job counts by state (api role). */
  counts?: () => Promise<Record<string, number>>;
  /** Whether Redis answers. */
  ready?: () => Promise<boolean>;
}
