import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppContext } from './app.context';
import { AppModule } from './app.module';
import { sendError } from './common/error.filter';
import { logger } from './common/logger';
import type { Config } from './config';
import { openDatabase } from './database/data-source';
import { seedDemo } from './demo/seed';
import { serveOpenApi } from './openapi';

export interface Server {
  app: NestExpressApplication;
  context: AppContext;
  url: string;
  /** Stops taking requests, finishes the batch in progress, closes the database. */
  close(): Promise<void>;
}

/** Builds and starts the whole server on the configured database. */
export async function startServer(config: Config): Promise<Server> {
  const { dataSource, created } = await openDatabase(config);
  const context = new AppContext(config, dataSource);
  if (created && config.demo) await seedDemo(context);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(context), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  // No ETag: API answers change with every write, and hashing each body costs CPU on the hot path.
  app.set('etag', false);
  app.disable('x-powered-by');
  if (logger.isLevelEnabled('info')) app.use(requestLog);
  // Our own JSON parser so that an oversize or malformed body gets the API's error shape (413/400).
  const json = express.json({ limit: '1mb' });
  app.use((req: Request, res: Response, next: NextFunction) => json(req, res, (err?: unknown) => (err ? sendError(res, err) : next())));
  serveOpenApi(app);
  serveEditor(app, config.editorDir);

  context.dispatcher.start();
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, database: config.database.type }, 'leadflow started');

  let closing: Promise<void> | null = null;
  return {
    app,
    context,
    url,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await context.dispatcher.stop();
        await dataSource.destroy();
      })()),
  };
}

function requestLog(req: Request, res: Response, next: NextFunction): void {
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    logger.info(
      { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 },
      'request',
    );
  });
  next();
}

/** The editor's build at `/`, with every non-API path answered by its index.html (client routes). */
function serveEditor(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.type('text/plain').send('The editor is not built: run `npm run build` (npm start does it for you).');
    });
    return;
  }
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.sendFile(index);
  });
}
