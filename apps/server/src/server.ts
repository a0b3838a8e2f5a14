import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppContext } from './app.context';
import { AppModule } from './app.module';
import { ApiError } from './common/api-error';
import { within } from './common/deadline';
import { toApiError } from './common/error.filter';
import { parseJsonBody } from './common/json-body';
import { logger } from './common/logger';
import { isLoopback, type Config } from './config';
import { openDatabase } from './database/data-source';
import { seedDemo } from './demo/seed';
import { serveOpenApi } from './openapi';
import { LocalDispatcher, type Dispatcher } from './pipeline/dispatcher';
import { PgPollingDispatcher } from './postgres/pg.dispatcher';
import { Dispatchers, QueueConsumer, QueueProducer, queueOptions } from './queue/event-queue';

export interface Server {
  app: NestFastifyApplication;
  context: AppContext;
  url: string;
  /**
   * Stops taking requests, finishes the batch in progress, closes the queue and the database, each
   * within a deadline (14 s in all); resolves with what could not be closed cleanly (empty when all was).
   */
  close(): Promise<string[]>;
}

/** Bodies over this size are refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

/** Builds and starts the whole server on the configured database. */
export async function startServer(config: Config): Promise<Server> {
  const { dataSource, created } = await openDatabase(config);
  const context = await AppContext.open(config, dataSource);
  context.dispatcher = dispatcherFor(context);
  if (created && config.demo && config.role !== 'worker') await seedDemo(context);

  // Fastify rather than Express: on this workload Nest on Express spent ~0.3 ms of CPU per request
  // in its HTTP stack, Nest on Fastify ~0.1 ms (docs/performance.md).
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(context, config.role),
    // The router's own refusals (a path that is not UTF-8 once %-decoded) leave in the API's shape too.
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT,
      frameworkErrors: (error: Error, _req: FastifyRequest, reply: FastifyReply) => {
        const refusal = toApiError(error);
        void reply.status(refusal.statusCode).send(refusal.toJSON());
      },
    }),
    { logger: ['error', 'warn'], bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
    parseJsonBody,
  );
  if (logger.isLevelEnabled('info')) {
    fastify.addHook('onResponse', async (req, reply) => {
      logger.info(
        {
          method: req.method,
          url: req.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request',
      );
    });
  }
  if (config.role !== 'worker') {
    serveOpenApi(app);
    await serveEditor(fastify, config.editorDir);
  }

  // Other processes change the config too (PostgreSQL): what this one shows catches up within 2 s,
  // and what it decides on is checked at once (see AppContext.refreshConfig's callers).
  const refresh = context.postgres
    ? setInterval(
        () =>
          void context.refreshConfig().catch((error) => logger.warn({ err: error }, 'config refresh failed')),
        2000,
      )
    : null;
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info(
    { url, database: config.database.type, role: config.role, queue: Boolean(config.redisUrl) },
    'leadflow started',
  );
  if (!isLoopback(config.host)) {
    // Until access control lands, anyone who reaches the port can read and change everything.
    logger.warn(
      { host: config.host },
      `listening on ${config.host}, beyond this machine: nothing is protected (no credentials, no access control yet); anyone who can reach port ${port} can read and change leads, managers and workflows. Keep HOST=127.0.0.1 or put an authenticating proxy in front`,
    );
  }
  // Listen first, recover after: events a crash left pending are processed in the background, once
  // `/api/health` answers (a costly one must not keep the server from ever taking requests).
  context.dispatcher.start();

  let closing: Promise<string[]> | null = null;
  return {
    app,
    context,
    url,
    close: () =>
      (closing ??= (async () => {
        // HTTP first (no new events), then the runs in progress finish and commit, then the database
        // closes. Each step has a deadline (4 + 8 + 2 s, within main.ts's 15 s): a dependency that is
        // away (Redis, PostgreSQL) cannot hold the process; what is cut short is named in the last line.
        const left: string[] = [];
        // Keep-alive connections that finish a request after the close began are closed as they fall
        // idle, rather than held open until their keep-alive timeout.
        const server = app.getHttpServer();
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        const httpClosed = app
          .close()
          .catch((error) => left.push(`the HTTP server (${(error as Error).message})`));
        if ((await within(4000, httpClosed)) === 'timeout') {
          server.closeAllConnections();
          left.push('requests still in progress after 4 s (their connections were cut)');
        }
        clearInterval(sweep);
        if (refresh) clearInterval(refresh);
        const stopped = context.dispatcher
          .stop()
          .catch((error) => [`the dispatcher (${(error as Error).message})`]);
        if ((await within(8000, stopped)) === 'timeout') {
          left.push(
            'runs in progress after 8 s (rolled back: their events stay pending and run after the next start)',
          );
        } else {
          left.push(...((await stopped) ?? []));
        }
        const destroyed = dataSource
          .destroy()
          .catch((error) => left.push(`the database connection (${(error as Error).message})`));
        if ((await within(2000, destroyed)) === 'timeout')
          left.push('database connections still in use after 2 s');
        if (left.length) logger.warn({ left }, 'shut down, leaving what did not close in time');
        else logger.info('shut down');
        return left;
      })()),
  };
}

/**
 * What carries events to the engine in this process:
 * - SQLite: the in-process dispatcher (one process owns the file);
 * - PostgreSQL with REDIS_URL: `api` enqueues (and sweeps the outbox), `worker` consumes, `all` both;
 * - PostgreSQL without REDIS_URL: `worker` and `all` poll the outbox; `api` only stores.
 */
function dispatcherFor(context: AppContext): Dispatcher {
  const { config, now } = context;
  if (context.sqlite) {
    if (config.role !== 'all')
      throw new Error('LEADFLOW_ROLE=api|worker needs PostgreSQL: a SQLite file has one process');
    return new LocalDispatcher(context.sqlite.deps, context.sqlite.writer);
  }
  const { pool, pipeline } = context.postgres!;
  const serves = config.role !== 'worker';
  const works = config.role !== 'api';
  if (!config.redisUrl) {
    return works
      ? new PgPollingDispatcher(pipeline, pool, now, Number(process.env.WORKER_CONCURRENCY || 32))
      : new Dispatchers([]);
  }
  const options = queueOptions(process.env, config.redisUrl);
  const parts: Dispatcher[] = [];
  if (serves) {
    const producer = new QueueProducer(pool, options, now);
    context.queueCounts = () => producer.counts();
    context.redisReady = () => producer.ping();
    parts.push(producer);
  }
  if (works) {
    const consumer = new QueueConsumer(pipeline, options, now);
    context.redisReady ??= () => consumer.ping();
    parts.push(consumer);
  }
  return new Dispatchers(parts);
}

/** The editor's build at `/`; any other non-API path gets its index.html (client-side routes). */
async function serveEditor(fastify: FastifyInstance, dir: string): Promise<void> {
  const built = existsSync(join(dir, 'index.html'));
  if (built)
    await fastify.register(fastifyStatic, { root: dir, wildcard: false, index: false, maxAge: '1h' });
  fastify.get('/*', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.url.startsWith('/api')) {
      const error = new ApiError(404, 'No such route', undefined, undefined, 'route_not_found');
      return reply.status(404).send(error.toJSON());
    }
    if (!built)
      return reply
        .type('text/plain')
        .send('The editor is not built: run `npm run build` (npm start does it for you).');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
