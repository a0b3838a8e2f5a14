import { logger } from '../common/logger';
import { SingleFlight } from '../common/single-flight';
import type { Writer } from '../database/writer';
import type { EventRef } from '../leads/lead.repository';
import type { SqliteLeadRepository } from '../leads/lead.repository.sqlite';
import type { RunRecord } from '../runs/run.repository';
import type { SqliteRunRepository } from '../runs/run.repository.sqlite';
import type { SqlitePipelineRepository } from './pipeline.repository.sqlite';
import { processEvent, resumeDueRun, type PipelineDeps } from './process-event';

/**
 * Carries stored events to the engine. This in-process one serves SQLite; the scaled-out mode
 * puts a queue between the API and worker processes behind the same interface.
 */
export abstract class Dispatcher {
  /** Tells the dispatcher that these events were committed. */
  abstract eventsStored(events?: EventRef[]): void;
  abstract start(): void;
  /** Finishes the batch in progress and stops; resolves with what it could not close cleanly, if anything. */
  abstract stop(): Promise<string[] | void>;
}

/** The SQLite stores themselves serve as the pipeline's deps, with the outbox and timer queries. */
export interface SqlitePipelineDeps extends PipelineDeps {
  leads: SqliteLeadRepository;
  runs: SqliteRunRepository;
  store: SqlitePipelineRepository;
}

// Large enough to share a commit among many events, small enough to keep requests waiting little.
const BATCH = 128;
/**
 * A batch stops taking events after this many milliseconds of processing, so that requests (and
 * `/api/health`) are answered between batches however costly the runs: a run's conditions are
 * bounded (CONDITION_BUDGET, ~25 ms at worst), an event's runs are not.
 */
export const BATCH_MS = 50;

/**
 * Processes pending events in id order, a batch per transaction: per-lead order holds because one
 * writer processes every event in order, and a batch commits its runs together with its events'
 * `done` marks. On start it drains what a crash left pending; a timer resumes due waits.
 */
export class LocalDispatcher implements Dispatcher {
  private readonly draining = new SingleFlight(() => this.drain());
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly deps: SqlitePipelineDeps,
    private readonly writer: Writer,
    private readonly onRuns: (runs: RunRecord[]) => void = logRuns,
  ) {}

  start(): void {
    this.stopped = false;
    this.draining.stopped = false;
    this.eventsStored();
    this.schedule(0);
  }

  eventsStored(): void {
    this.draining.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining.stop();
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.deps.store.hasPending()) {
      // The batch joins the writer's next group commit: the leads of the requests queued meanwhile
      // and the runs of earlier leads share one transaction. A failing batch is retried alone by
      // the writer, so it leaves its events pending and takes no lead write with it.
      const runs: RunRecord[] = [];
      try {
        await this.writer.write(() => {
          runs.length = 0; // the writer may run this op a second time
          const started = performance.now();
          // Events caused by this batch's runs are processed in it too, up to the batch size or time.
          for (let processed = 0; processed < BATCH && performance.now() - started < BATCH_MS;) {
            const events = this.deps.store.pending(BATCH - processed);
            if (events.length === 0) break;
            for (const event of events) {
              runs.push(...processEvent(this.deps, event));
              processed++;
              if (performance.now() - started >= BATCH_MS) break;
            }
          }
        });
        this.failures = 0;
      } catch (error) {
        // The batch rolled back whole: its events stay pending and are retried, none half-done.
        runs.length = 0;
        this.failures++;
        logger.error({ err: error, attempt: this.failures }, 'event batch failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 50 * 2 ** this.failures)));
        continue;
      }
      this.onRuns(runs);
    }
  }

  /** Resumes due waits, then sleeps until the next one is due (at most a second, to see new ones). */
  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.resumeDue(), delay);
  }

  private async resumeDue(): Promise<void> {
    try {
      const resumed = await this.writer.transaction(() =>
        this.deps.runs.due(this.deps.now(), BATCH).map((run) => resumeDueRun(this.deps, run)),
      );
      this.onRuns(resumed);
      // Resumed runs may have caused events.
      if (resumed.length) this.eventsStored();
    } catch (error) {
      logger.error({ err: error }, 'resuming waits failed; retrying');
    }
    const next = this.deps.runs.nextWakeAt();
    this.schedule(next === null ? 1000 : Math.max(0, Math.min(1000, next - this.deps.now())));
  }
}

export function logRuns(runs: RunRecord[]): void {
  if (!logger.isLevelEnabled('info')) return;
  for (const run of runs) {
    logger.info(
      {
        runId: run.id,
        workflowId: run.workflowId,
        leadId: run.leadId,
        eventId: run.eventId,
        status: run.status,
        reason: run.reason ?? undefined,
      },
      'run',
    );
  }
}
