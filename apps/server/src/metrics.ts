import { Controller, Get, Header } from '@nestjs/common';
import { AppContext } from './app.context';

/** Run latency buckets (ms): POST → run finished, as the bench measures it. */
const LATENCY_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * Prometheus text: what an operator watches. Queue depth (the outbox's pending events, and the
 * queue's own counts in the scaled-out mode), waiting runs, runs by status, and run latency over the
 * last minute (from the runs table, so every role reports the same figures). Redis away never fails
 * the metrics: the queue's figures are then left out (`leadflow_queue_up 0`), the rest is reported.
 */
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly app: AppContext) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const since = this.app.now() - 60_000;
    const [byStatus, pending, latency, queue] = await Promise.all([
      this.app.sql.query<{ status: string; n: number | string }>(
        'SELECT status, count(*) AS n FROM runs GROUP BY status',
      ),
      this.app.storage.pendingCount(),
      this.app.sql.query<{ ms: number | string }>(
        `SELECT r.finished_at - e.created_at AS ms FROM runs r JOIN events e ON e.id = r.event_id
         WHERE r.started_at >= ? AND r.depth = 0 AND r.finished_at IS NOT NULL`,
        [since],
      ),
      this.queueFigures(),
    ]);
    const ms = latency.map((row) => Number(row.ms));
    const lines = [
      '# HELP leadflow_events_pending Lead events stored and not yet processed (the outbox).',
      '# TYPE leadflow_events_pending gauge',
      `leadflow_events_pending ${pending}`,
      ...(queue
        ? [
            '# HELP leadflow_queue_up Whether Redis answered for the queue figures (1) or not (0).',
            '# TYPE leadflow_queue_up gauge',
            `leadflow_queue_up ${queue === 'unavailable' ? 0 : 1}`,
            '# HELP leadflow_queue_jobs Jobs in the BullMQ queue, by state.',
            '# TYPE leadflow_queue_jobs gauge',
            ...(queue === 'unavailable'
              ? [
                  '# leadflow_queue_jobs: not reported, Redis did not answer (events wait in the outbox meanwhile)',
                ]
              : Object.entries(queue).map(([state, n]) => `leadflow_queue_jobs{state="${state}"} ${n}`)),
          ]
        : []),
      '# HELP leadflow_runs Runs recorded, by status.',
      '# TYPE leadflow_runs gauge',
      ...byStatus.map((row) => `leadflow_runs{status="${row.status}"} ${Number(row.n)}`),
      '# HELP leadflow_run_latency_ms Event stored → run finished, for runs started in the last minute (events from outside).',
      '# TYPE leadflow_run_latency_ms histogram',
      ...LATENCY_BUCKETS.map(
        (le) => `leadflow_run_latency_ms_bucket{le="${le}"} ${ms.filter((v) => v <= le).length}`,
      ),
      `leadflow_run_latency_ms_bucket{le="+Inf"} ${ms.length}`,
      `leadflow_run_latency_ms_sum ${ms.reduce((a, b) => a + b, 0)}`,
      `leadflow_run_latency_ms_count ${ms.length}`,
      '# HELP process_resident_memory_bytes Resident memory of this process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
    ];
    return `${lines.join('\n')}\n`;
  }

  /** The queue's job counts (scaled-out API), `'unavailable'` when Redis is not connected or does not answer within 0.8 s, null without a queue. */
  private async queueFigures(): Promise<Record<string, number> | 'unavailable' | null> {
    if (!this.app.queueCounts) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'unavailable'>(
      (resolve) => (timer = setTimeout(() => resolve('unavailable'), 800)),
    );
    const counts = this.app.queueCounts().catch(() => 'unavailable' as const);
    try {
      return await Promise.race([counts, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
