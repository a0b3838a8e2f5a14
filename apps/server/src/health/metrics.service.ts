import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PipelineRepository } from '../events/pipeline.repository';
import { QueueStatus } from '../events/queue-status';
import { RunRepository } from '../runs/run.repository';

/** Run latency buckets (ms): POST → run finished, as the bench measures it. */
const LATENCY_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * Prometheus text: what an operator watches. Queue depth (the outbox's pending events, and the
 * queue's own counts in the scaled-out mode), waiting runs, runs by status, and run latency over the
 * last minute (from the runs table, so every role reports the same figures). Redis away never fails
 * the metrics: the queue's figures are then left out (`leadflow_queue_up 0`), the rest is reported.
 */
@Injectable()
export class MetricsService {
  constructor(
    private readonly runs: RunRepository,
    private readonly pipeline: PipelineRepository,
    private readonly queue: QueueStatus,
    private readonly clock: Clock,
  ) {}

  async text(): Promise<string> {
    const since = this.clock.now() - 60_000;
    const [byStatus, pending, ms, queue] = await Promise.all([
      this.runs.countByStatus(),
      this.pipeline.pendingCount(),
      this.runs.latenciesSince(since),
      this.queueFigures(),
    ]);
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
      ...byStatus.map((row) => `leadflow_runs{status="${row.status}"} ${row.n}`),
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
    const counts = this.queue.counts;
    if (!counts) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'unavailable'>(
      (resolve) => (timer = setTimeout(() => resolve('unavailable'), 800)),
    );
    const answer = counts().catch(() => 'unavailable' as const);
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
