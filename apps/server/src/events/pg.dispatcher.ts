import { logger } from '../common/logger';
import { SingleFlight } from '../common/single-flight';
import { LeadBatcher } from './lead-batcher';
import { logRuns, type Dispatcher } from './dispatcher';
import type { PgPipelineRepository } from './pipeline.repository.pg';

/** Resumes due waits from any number of processes (each run claimed by one), sleeping until the next is due. */
export class WaitTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly pipeline: PgPipelineRepository,
    private readonly now: () => number,
    private readonly onResumed: () => void = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, delay);
  }

  private async tick(): Promise<void> {
    let next: number | null = null;
    try {
      for (
        let runs = await this.pipeline.resumeOneDue();
        runs && !this.stopped;
        runs = await this.pipeline.resumeOneDue()
      ) {
        logRuns(runs);
        this.onResumed();
      }
      next = await this.pipeline.nextWakeAt();
    } catch (error) {
      logger.error({ err: error }, 'resuming waits failed; retrying');
    }
    this.schedule(next === null ? 1000 : Math.max(0, Math.min(1000, next - this.now())));
  }
}

/**
 * PostgreSQL without a queue (no REDIS_URL): the process polls the outbox for leads with pending
 * events and processes them, several leads at a time. Several such processes may run side by side:
 * the lead's row lock keeps each lead's events in order (see PgPipelineRepository).
 */
export class PgPollingDispatcher implements Dispatcher {
  private readonly draining = new SingleFlight(() => this.drain());
  private poll: NodeJS.Timeout | null = null;
  private readonly waits: WaitTimer;
  private readonly batcher: LeadBatcher;

  constructor(
    private readonly pipeline: PgPipelineRepository,
    now: () => number,
    batchSize = 32,
  ) {
    this.waits = new WaitTimer(pipeline, now, () => this.eventsStored());
    this.batcher = new LeadBatcher((leadIds) => pipeline.processLeads(leadIds), batchSize);
  }

  start(): void {
    this.draining.stopped = false;
    this.eventsStored();
    this.waits.start();
    // Events stored by other processes are found by polling.
    this.poll = setInterval(() => this.eventsStored(), 500);
  }

  eventsStored(): void {
    this.draining.kick();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await Promise.all([this.draining.stop(), this.waits.stop()]);
  }

  private async drain(): Promise<void> {
    while (!this.draining.stopped) {
      let leads: string[];
      try {
        leads = await this.pipeline.pendingLeads(256);
      } catch (error) {
        logger.error({ err: error }, 'reading the outbox failed; retrying');
        return;
      }
      if (leads.length === 0) return;
      let failed = 0;
      await Promise.all(
        leads.map((leadId) =>
          this.batcher.process(leadId).catch((error) => {
            failed++;
            logger.error({ err: error, leadId }, 'processing a lead failed; its events stay pending');
          }),
        ),
      );
      // Leave failing leads to the next poll rather than spinning on them.
      if (failed === leads.length) return;
    }
  }
}
