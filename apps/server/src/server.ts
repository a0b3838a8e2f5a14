import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { ApiError } from './common/api-error';
import { Clock } from './common/clock';
import { within } from './common/deadline';
import { answerClientError, HttpGuards } from './http/guards';
import { parseJsonBody } from './http/json-body';
import { logger } from './common/logger';
import { isLoopback, type Config } from './config';
import { ConfigCache } from './config-cache/config-cache';
import { connectionOf } from './database/connection';
import { openDatabase } from './database/data-source';
import { Sql } from './database/sql';
import { seedDemo } from './demo/seed';
import { Dispatcher } from './events/dispatcher';
import { PipelineRepository } from './events/pipeline.repository';
import { serveOpenApi } from './http/openapi';

export interface Server {
  app: NestFastifyApplication;
  url: string;
  /** Rows of a SQL query on the server's database (tests and tools; `?` placeholders on both databases). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Events stored and not yet processed. */
  pendingEvents(): Promise<number>;
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
  const guards = new HttpGuards(config);
  const { dataSource, created } = await openDatabase(config);
  const connection = connectionOf(dataSource);

  // Fastify rather than Express: on this workload Nest on Express spent ~0.3 ms of CPU per request
  // in its HTTP stack, Nest on Fastify ~0.1 ms (docs/performance.md).
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config, connection, new Clock()),
    // The router's own refusals (a path that is not UTF-8 once %-decoded) and the HTTP parser's leave
    // in the API's shape too, with the security headers.
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT,
      frameworkErrors: guards.frameworkError,
      clientErrorHandler: answerClientError,
      // A request without Host reaches the host allow-list, which answers it in the API's shape.
      http: { requireHostHeader: false },
    }),
    { logger: ['error', 'warn'], bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // Security headers, the host allow-list and CORS, before anything else answers (http/guards.ts).
  await guards.register(fastify);
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
  if (config.role === 'worker') serveOnlyHealth(fastify);
  else {
    serveOpenApi(app);
    await serveEditor(fastify, config.editorDir);
  }
  // Loads the in-memory config (onModuleInit) before anything reads it.
  await app.init();
  const cache = app.get(ConfigCache);
  const dispatcher = app.get(Dispatcher);
  if (created && config.demo && config.role !== 'worker') await seedDemo(app);

  // Other processes change the config too (PostgreSQL): what this one shows catches up within 2 s,
  // and what it decides on is checked at once (see ConfigCache.refresh's callers).
  const refresh =
    connection.dialect === 'postgres'
      ? setInterval(
          () => void cache.refresh().catch((error) => logger.warn({ err: error }, 'config refresh failed')),
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
  dispatcher.start();

  let closing: Promise<string[]> | null = null;
  const sql = app.get(Sql);
  const pipeline = app.get(PipelineRepository);
  return {
    app,
    url,
    query: (text, params) => sql.query(text, params),
    pendingEvents: async () => pipeline.pendingCount(),
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
        const stopped = dispatcher.stop().catch((error) => [`the dispatcher (${(error as Error).message})`]);
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

/** A worker serves health, readiness and metrics only: every other route is answered 404. */
function serveOnlyHealth(fastify: FastifyInstance): void {
  const served = new Set(['/api/health', '/api/ready', '/api/metrics']);
  fastify.addHook('onRequest', async (req, reply) => {
    if (served.has(req.url.split('?')[0])) return;
    const error = new ApiError(404, 'No such route', undefined, undefined, 'route_not_found');
    return reply.status(404).send(error.toJSON());
  });
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
