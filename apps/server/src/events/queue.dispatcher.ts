import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { within } from '../common/deadline';
import { logger } from '../common/logger';
import type { EventRef } from '../leads/lead.repository';
import type { Dispatcher } from './dispatcher';
import { LeadBatcher } from './lead-batcher';
import { WaitTimer } from './pg.dispatcher';
import type { PgPipelineRepository } from './pipeline.repository.pg';

export const QUEUE_NAME = 'leadflow-events';

/** A job carries ids only: the event and its lead are read from PostgreSQL under the lead's lock. */
export interface EventJob {
  eventId: number;
  leadId: string;
}

/** The job id is the event id (BullMQ refuses bare integers): enqueuing an event twice adds one job. */
export const jobId = (eventId: number): string => `event-${eventId}`;

export interface QueueOptions {
  redisUrl: string;
  /** Jobs one worker process runs at once (they wait on row locks, not on the CPU). */
  concurrency: number;
  /** Events still pending this long after they were stored are handed to the queue again. */
  sweepAfterMs: number;
  /** A worker that stops renewing its lock this long (it died) loses the job to another. */
  lockMs: number;
  /** Redis key prefix: installations (or test runs) sharing one Redis keep apart. */
  prefix: string;
}

export function queueOptions(env: NodeJS.ProcessEnv, redisUrl: string): QueueOptions {
  return {
    redisUrl,
    concurrency: Number(env.WORKER_CONCURRENCY || 16),
    sweepAfterMs: Number(env.SWEEP_AFTER_MS || 3000),
    lockMs: Number(env.JOB_LOCK_MS || 10_000),
    prefix: env.QUEUE_PREFIX || 'leadflow',
  };
}

/**
 * The API side of the queue: events committed to PostgreSQL (the outbox) become BullMQ jobs whose id
 * is the event id, so adding one twice is a no-op. The 201 never waits on Redis: the event is durable
 * in PostgreSQL first, and a sweeper hands over what is still pending after a few seconds (Redis was
 * down, or a process died between its commit and the enqueue).
 */
export class QueueProducer implements Dispatcher {
  private readonly queue: Queue<EventJob>;
  private readonly connection: IORedis;
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly pipeline: PgPipelineRepository,
    private readonly options: QueueOptions,
    private readonly now: () => number,
  ) {
    // Fail fast while Redis is away (no offline queue piling up); the sweeper catches up afterwards.
    this.connection = new IORedis(options.redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: false,
    });
    this.connection.on('error', (error) => logger.debug({ err: error }, 'redis (producer)'));
    this.queue = new Queue<EventJob>(QUEUE_NAME, { connection: this.connection, prefix: options.prefix });
    this.queue.on('error', (error) => logger.debug({ err: error }, 'queue error'));
  }

  start(): void {
    this.sweeper = setInterval(
      () => {
        this.sweeping ??= this.sweep().finally(() => (this.sweeping = null));
      },
      Math.max(250, this.options.sweepAfterMs / 2),
    );
  }

  eventsStored(events: EventRef[] = []): void {
    if (events.length) void this.add(events);
  }

  async stop(): Promise<string[]> {
    if (this.sweeper) clearInterval(this.sweeper);
    const left: string[] = [];
    // A sweep or an enqueue waits on Redis at most a second or so (no offline queue), but say so if not.
    if ((await within(3000, this.sweeping)) === 'timeout')
      left.push('an outbox sweep (its events stay pending and are swept after the next start)');
    const redis = await ping(this.connection);
    if (!redis || (await within(2000, this.queue.close())) === 'timeout') {
      left.push(
        'the queue producer: Redis did not answer (events stored are swept into the queue after the next start)',
      );
    }
    this.connection.disconnect();
    return left;
  }

  /** The queue's job counts; rejects at once while Redis is not connected (BullMQ would wait for it). */
  counts(): Promise<Record<string, number>> {
    if (this.connection.status !== 'ready')
      return Promise.reject(new Error(`Redis is not connected (${this.connection.status})`));
    return this.queue.getJobCounts('wait', 'active', 'delayed', 'failed') as Promise<Record<string, number>>;
  }

  ping(): Promise<boolean> {
    return ping(this.connection);
  }

  private async add(events: EventRef[]): Promise<void> {
    try {
      await this.queue.addBulk(
        events.map((e) => ({
          name: 'event',
          data: { eventId: e.id, leadId: e.leadId },
          // Removed when done, so the sweeper can hand over an event again if it is somehow still pending.
          opts: {
            jobId: jobId(e.id),
            removeOnComplete: true,
            removeOnFail: true,
            attempts: 5,
            backoff: { type: 'exponential', delay: 200 },
          },
        })),
      );
    } catch (error) {
      logger.warn({ err: error, events: events.length }, 'could not enqueue events; the sweeper will');
    }
  }

  private async sweep(): Promise<void> {
    try {
      const events = await this.pipeline.pendingBefore(this.now() - this.options.sweepAfterMs, 5000);
      if (events.length) await this.add(events);
    } catch (error) {
      logger.warn({ err: error }, 'sweeping the outbox failed');
    }
  }
}

/**
 * The worker side: BullMQ jobs have their leads processed (see PgPipelineRepository for why that keeps each
 * lead's order and runs each event once), the jobs of one moment in one transaction (LeadBatcher);
 * due waits are resumed here too.
 */
export class QueueConsumer implements Dispatcher {
  private worker: Worker<EventJob> | null = null;
  private readonly connection: IORedis;
  private readonly waits: WaitTimer;
  private readonly batcher: LeadBatcher;

  constructor(
    pipeline: PgPipelineRepository,
    private readonly options: QueueOptions,
    now: () => number,
  ) {
    this.batcher = new LeadBatcher((leadIds) => pipeline.processLeads(leadIds), options.concurrency);
    // Workers block on Redis; ioredis must retry for ever rather than give up while Redis is away.
    this.connection = new IORedis(options.redisUrl, { maxRetriesPerRequest: null });
    this.connection.on('error', (error) => logger.debug({ err: error }, 'redis (worker)'));
    this.waits = new WaitTimer(pipeline, now);
  }

  start(): void {
    this.worker = new Worker<EventJob>(QUEUE_NAME, (job: Job<EventJob>) => this.process(job), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
      lockDuration: this.options.lockMs,
      stalledInterval: Math.max(1000, this.options.lockMs / 2),
      maxStalledCount: 10,
    });
    this.worker.on('error', (error) => logger.debug({ err: error }, 'worker error'));
    this.waits.start();
  }

  eventsStored(): void {}

  ping(): Promise<boolean> {
    return ping(this.connection);
  }

  /**
   * Finishes the jobs in progress (their transactions commit), then stops; at most 7 s: with Redis
   * away the worker cannot close its side, and jobs it held go back to the queue when their lock expires.
   */
  async stop(): Promise<string[]> {
    const left: string[] = [];
    const redis = await ping(this.connection);
    // Without Redis the worker cannot hand its jobs back: close it without waiting for them.
    const closed = await within(7000, Promise.all([this.worker?.close(!redis), this.waits.stop()]));
    if (!redis)
      left.push('the queue worker: Redis did not answer (jobs it held run again when their lock expires)');
    else if (closed === 'timeout')
      left.push('jobs in progress after 7 s (rolled back: they run again when their lock expires)');
    this.connection.disconnect();
    return left;
  }

  private process(job: Job<EventJob>): Promise<void> {
    return this.batcher.process(job.data.leadId);
  }
}

/** Whether Redis answers within a second (a worker's connection would wait for it for ever). */
function ping(connection: IORedis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 1000)));
  const answer = connection.ping().then(
    () => true,
    () => false,
  );
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

/** Both sides in one process (LEADFLOW_ROLE=all with REDIS_URL). */
export class Dispatchers implements Dispatcher {
  constructor(private readonly parts: Dispatcher[]) {}
  start(): void {
    for (const part of this.parts) part.start();
  }
  eventsStored(events?: EventRef[]): void {
    for (const part of this.parts) part.eventsStored(events);
  }
  async stop(): Promise<string[]> {
    const left = await Promise.all(this.parts.map((part) => part.stop()));
    return left.flatMap((l) => l ?? []);
  }
}
