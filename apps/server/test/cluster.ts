import { START_TIMEOUT_MS } from '@leadflow/test-support';
import { Client } from 'pg';
import { createPgDatabase, DATABASES, startTestServer, Target } from './harness';
import { freePort, ServerProcess, settled } from './process';

export interface ClusterOptions {
  workers?: number;
  redisUrl?: string;
  env?: Record<string, string>;
}

/**
 * The scaled-out mode as production runs it: one API process and several worker processes (the
 * built `dist/main.js`) over a fresh PostgreSQL database and Redis, with a queue prefix of their own.
 * Short lock and sweep times so that a killed worker's jobs move on within seconds.
 */
export class Cluster extends Target {
  api!: ServerProcess;
  readonly workers: ServerProcess[] = [];
  private readonly processes: ServerProcess[] = [];
  private readonly prefix = `leadflow-test-${Math.random().toString(36).slice(2, 8)}`;

  private constructor(
    readonly databaseUrl: string,
    readonly redisUrl: string,
    private readonly env: Record<string, string>,
    private readonly drop: () => Promise<void>,
  ) {
    super();
  }

  static async start({
    workers = 3,
    redisUrl = 'redis://127.0.0.1:6379',
    env = {},
  }: ClusterOptions = {}): Promise<Cluster> {
    const { url, drop } = await createPgDatabase();
    const cluster = new Cluster(url, redisUrl, env, drop);
    try {
      await cluster.boot(workers);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  get url(): string {
    return this.api.url;
  }

  async addWorker(): Promise<ServerProcess> {
    const worker = await this.spawn('worker');
    this.workers.push(worker);
    return worker;
  }

  settle(timeoutMs = 30_000): Promise<void> {
    return settled(this.url, timeoutMs);
  }

  async query<T>(sql: string): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Kills every process (SIGKILL: a crash, no goodbye) and starts a new API and as many workers. */
  async restart(): Promise<Cluster> {
    const workers = this.workers.length;
    await Promise.all(this.processes.map((p) => p.stop('SIGKILL')));
    this.workers.length = 0;
    await this.boot(workers);
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop('SIGKILL')));
    await this.drop();
  }

  /** The API first (it migrates the database), then the workers side by side. */
  private async boot(workers: number): Promise<void> {
    this.api = await this.spawn('api');
    await Promise.all(Array.from({ length: workers }, () => this.addWorker()));
  }

  private async spawn(role: 'api' | 'worker'): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redisUrl,
      LEADFLOW_ROLE: role,
      QUEUE_PREFIX: this.prefix,
      JOB_LOCK_MS: '3000',
      SWEEP_AFTER_MS: '1500',
      ...this.env,
    });
    this.processes.push(server);
    await server.start();
    return server;
  }
}

/**
 * Where the end-to-end suites run: each database in one process, and PostgreSQL again as an API
 * process with three workers (when PostgreSQL is among `LEADFLOW_TEST_DATABASES`).
 */
export type TestTarget = 'sqlite' | 'postgres' | 'postgres, 3 workers';

export const TARGETS: TestTarget[] = DATABASES.flatMap((database): TestTarget[] =>
  database === 'postgres' ? ['postgres', 'postgres, 3 workers'] : [database],
);

/**
 * The jest timeout (ms) of a hook or test that starts or stops a target: a cluster starts its API
 * process, then its workers side by side, each within the start deadline; on two loaded cores that
 * takes longer than jest's 30 s.
 */
export const TARGET_TIMEOUT_MS = 2 * START_TIMEOUT_MS + 30_000;

export function startTarget(target: TestTarget): Promise<Target> {
  return target === 'postgres, 3 workers' ? Cluster.start({ workers: 3 }) : startTestServer({}, target);
}
