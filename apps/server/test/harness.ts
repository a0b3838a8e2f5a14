import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@leadflow/test-support';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '../src/config';
import { startServer, type Server } from '../src/server';
import { EXAMPLES_DIR } from '../src/demo/seed';

export { EXAMPLES_DIR };
export { roundRobin } from './workflow-files';

export type TestDatabase = 'sqlite' | 'postgres';

/**
 * The databases the end-to-end suites run on: both by default (`npm test`);
 * `LEADFLOW_TEST_DATABASES=sqlite` for a quick local run.
 */
export const DATABASES = (process.env.LEADFLOW_TEST_DATABASES || 'sqlite,postgres').split(
  ',',
) as TestDatabase[];

/** The PostgreSQL server the tests use (trust auth); each test server gets a database of its own on it. */
export const PG_SERVER = process.env.LEADFLOW_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test';

/** Creates an empty database on the test server; returns its URL and a function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `leadflow_test_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(sql: string): Promise<void> {
  let client = new Client({ connectionString: PG_SERVER });
  try {
    await client.connect();
  } catch (error) {
    // A server without the `test` database: its maintenance database serves as well.
    if ((error as { code?: string }).code !== '3D000') throw error;
    const url = new URL(PG_SERVER);
    url.pathname = '/postgres';
    client = new Client({ connectionString: url.toString() });
    await client.connect();
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A real server on a free port, over a temporary SQLite file or a fresh PostgreSQL database; `stop()`
 * deletes it. `env.DATABASE_URL` reopens an existing database (a restart), which the new server then owns.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  database: TestDatabase = 'sqlite',
  owned?: { drop: () => Promise<void> },
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-test-'));
  let databaseUrl = env.DATABASE_URL;
  let drop = owned?.drop;
  if (!databaseUrl) {
    if (database === 'postgres') ({ url: databaseUrl, drop } = await createPgDatabase());
    else databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
  }
  const server = await startServer(
    loadConfig({
      PORT: '0',
      LEADFLOW_DEMO: '0',
      LEADFLOW_EDITOR_DIR: join(dir, 'no-editor'),
      ...env,
      DATABASE_URL: databaseUrl,
    }),
  );
  return new TestServer(server, dir, databaseUrl, drop);
}

/**
 * What a test drives: one server in this process (`TestServer`) or separate API and worker processes
 * (`Cluster`). Both are reached over HTTP only, except `query`, which reaches into the database for
 * what the API cannot do (making a wait due now).
 */
export abstract class Target {
  abstract readonly url: string;

  /** Waits until no event is pending (an event's runs commit with its `done` mark). */
  abstract settle(timeoutMs?: number): Promise<void>;
  abstract query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Stops every process and starts new ones on the same database. */
  abstract restart(): Promise<Target>;
  abstract stop(): Promise<void>;

  get http() {
    return request(this.url);
  }

  async createManager(email: string, extra: Record<string, unknown> = {}) {
    const res = await this.http
      .post('/api/managers')
      .send({ name: email.split('@')[0], email, ...extra })
      .expect(201);
    return res.body;
  }

  async createWorkflow(file: object, activate = true) {
    const res = await this.http.post('/api/workflows').send(file).expect(201);
    if (activate) await this.http.post(`/api/workflows/${res.body.id}/activate`).expect(200);
    return res.body;
  }

  async createLead(fields: Record<string, unknown> = {}, tags?: string[]) {
    const res = await this.http
      .post('/api/leads')
      .send({ fields, ...(tags ? { tags } : {}) })
      .expect(201);
    return res.body;
  }

  async runs(query: Record<string, string | number>) {
    const res = await this.http.get('/api/runs').query(query).expect(200);
    return res.body as Array<{
      id: string;
      status: string;
      reason?: string;
      steps: Array<{ nodeId: string; outcome: string; detail?: Record<string, unknown> }>;
      workflowId: string;
      workflowVersion: number;
      leadId: string;
      event: Record<string, unknown>;
      startedAt: string;
      finishedAt: string | null;
    }>;
  }

  /** Every item of a paged list (`/api/leads`, `/api/runs?…`). */
  async all<T = Record<string, unknown>>(path: string): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = (
        await this.http.get(`${path}${path.includes('?') ? '&' : '?'}limit=1000&offset=${offset}`).expect(200)
      ).body as T[];
      out.push(...page);
      if (page.length < 1000) return out;
    }
  }

  /** Lets the waits of waiting runs fall due now, as if their time had passed, and waits until they ran. */
  async makeWaitsDue(): Promise<void> {
    await this.query(`UPDATE runs SET wake_at = 0 WHERE status = 'waiting'`);
    const waiting = async () =>
      Number(
        (
          await this.query<{ n: number | string }>(`SELECT count(*) AS n FROM runs WHERE status = 'waiting'`)
        )[0].n,
      );
    // Runs still waiting after 10 s are left to the test's checks, which say which.
    await waitFor('no run waiting', waiting, {
      until: (n) => n === 0,
      timeoutMs: 10_000,
      onTimeout: 'return',
    });
    await this.settle();
  }
}

export class TestServer extends Target {
  constructor(
    readonly server: Server,
    readonly dir: string,
    readonly databaseUrl: string,
    private readonly drop?: () => Promise<void>,
  ) {
    super();
  }

  get url(): string {
    return this.server.url;
  }

  /** Stops the server and reopens its database in a new one (which then owns it). */
  async restart(env: Record<string, string> = {}): Promise<TestServer> {
    await this.server.close();
    const next = await startTestServer(
      { ...env, DATABASE_URL: this.databaseUrl },
      undefined,
      this.drop && { drop: this.drop },
    );
    rmSync(next.dir, { recursive: true, force: true });
    return new TestServer(next.server, this.dir, this.databaseUrl, this.drop);
  }

  async stop(): Promise<void> {
    await this.server.close();
    await this.drop?.();
    rmSync(this.dir, { recursive: true, force: true });
  }

  query<T>(sql: string): Promise<T[]> {
    return this.server.query<T>(sql);
  }

  async settle(timeoutMs = 10_000): Promise<void> {
    const pending = () => this.server.pendingEvents();
    await waitFor(
      'no pending event',
      async () => {
        if ((await pending()) > 0) return false;
        // One more turn so a batch that just committed has reported its runs.
        await new Promise((turn) => setTimeout(turn, 5));
        return (await pending()) === 0;
      },
      { timeoutMs, intervalMs: 5 },
    );
  }
}

export const DEMO_TEAM = [
  'ada@example.com',
  'bo@example.com',
  'cy@example.com',
  'di@example.com',
  'ed@example.com',
  'fay@example.com',
];
