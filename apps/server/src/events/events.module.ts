import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CONFIG, type Config } from '../config';
import { ConfigCache } from '../config-cache/config-cache';
import { CONNECTION, type Connection } from '../database/connection';
import { LeadEventsListener } from '../leads/lead-events';
import { LeadRepository } from '../leads/lead.repository';
import type { SqliteLeadRepository } from '../leads/lead.repository.sqlite';
import { LeadsModule } from '../leads/leads.module';
import { RunRepository } from '../runs/run.repository';
import type { SqliteRunRepository } from '../runs/run.repository.sqlite';
import { RunsModule } from '../runs/runs.module';
import { Dispatcher, LocalDispatcher } from './dispatcher';
import { PgPollingDispatcher } from './pg.dispatcher';
import { PipelineRepository } from './pipeline.repository';
import { PgPipelineRepository } from './pipeline.repository.pg';
import { SqlitePipelineRepository } from './pipeline.repository.sqlite';
import { Dispatchers, QueueConsumer, QueueProducer, queueOptions } from './queue.dispatcher';
import { QueueStatus } from './queue-status';

/**
 * The outbox and what carries its events to the engine in this process, chosen once by database
 * and role:
 * - SQLite: the in-process dispatcher (one process owns the file);
 * - PostgreSQL with REDIS_URL: `api` enqueues (and sweeps the outbox), `worker` consumes, `all` both;
 * - PostgreSQL without REDIS_URL: `worker` and `all` poll the outbox; `api` only stores.
 * Global: the leads module tells the dispatcher of stored events through LeadEventsListener.
 */
@Global()
@Module({
  imports: [LeadsModule, RunsModule],
  providers: [
    {
      provide: PipelineRepository,
      inject: [CONNECTION, ConfigCache, Clock],
      useFactory: (connection: Connection, config: ConfigCache, clock: Clock): PipelineRepository =>
        connection.dialect === 'sqlite'
          ? new SqlitePipelineRepository(connection.db)
          : new PgPipelineRepository({
              pool: connection.pool,
              managers: config.managers,
              workflows: config.workflows,
              now: clock.now,
              refreshConfig: (version) => config.refresh(version),
            }),
    },
    QueueStatus,
    {
      provide: Dispatcher,
      inject: [
        CONFIG,
        CONNECTION,
        ConfigCache,
        Clock,
        LeadRepository,
        RunRepository,
        PipelineRepository,
        QueueStatus,
      ],
      useFactory: (
        config: Config,
        connection: Connection,
        cache: ConfigCache,
        clock: Clock,
        leads: LeadRepository,
        runs: RunRepository,
        pipeline: PipelineRepository,
        queue: QueueStatus,
      ): Dispatcher => {
        const now = clock.now;
        if (connection.dialect === 'sqlite') {
          if (config.role !== 'all')
            throw new Error('LEADFLOW_ROLE=api|worker needs PostgreSQL: a SQLite file has one process');
          const deps = {
            leads: leads as SqliteLeadRepository,
            runs: runs as SqliteRunRepository,
            store: pipeline as SqlitePipelineRepository,
            managers: cache.managers,
            workflows: cache.workflows,
            now,
          };
          return new LocalDispatcher(deps, connection.writer);
        }
        const pg = pipeline as PgPipelineRepository;
        const serves = config.role !== 'worker';
        const works = config.role !== 'api';
        if (!config.redisUrl) {
          return works
            ? new PgPollingDispatcher(pg, now, Number(process.env.WORKER_CONCURRENCY || 32))
            : new Dispatchers([]);
        }
        const options = queueOptions(process.env, config.redisUrl);
        const parts: Dispatcher[] = [];
        if (serves) {
          const producer = new QueueProducer(pg, options, now);
          queue.counts = () => producer.counts();
          queue.ready = () => producer.ping();
          parts.push(producer);
        }
        if (works) {
          const consumer = new QueueConsumer(pg, options, now);
          queue.ready ??= () => consumer.ping();
          parts.push(consumer);
        }
        return new Dispatchers(parts);
      },
    },
    { provide: LeadEventsListener, useExisting: Dispatcher },
  ],
  exports: [Dispatcher, LeadEventsListener, PipelineRepository, QueueStatus],
})
export class EventsModule {}
