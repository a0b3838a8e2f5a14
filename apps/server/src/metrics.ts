import { Controller, Get, Header } from '@nestjs/common';
import { AppContext } from './app.context';

/** Prometheus text: what an operator watches (the outbox's depth, waiting runs, runs by status). */
@Controller('api/metrics')
export class MetricsController {
  constructor(private readonly app: AppContext) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): string {
    const byStatus = this.app.db.prepare('SELECT status, count(*) AS n FROM runs GROUP BY status').all() as Array<{ status: string; n: number }>;
    const lines = [
      '# HELP leadflow_events_pending Lead events stored and not yet processed.',
      '# TYPE leadflow_events_pending gauge',
      `leadflow_events_pending ${this.app.pipeline.pendingCount()}`,
      '# HELP leadflow_runs Runs recorded, by status.',
      '# TYPE leadflow_runs gauge',
      ...byStatus.map((row) => `leadflow_runs{status="${row.status}"} ${row.n}`),
      '# HELP process_resident_memory_bytes Resident memory of this process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${process.memoryUsage().rss}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
