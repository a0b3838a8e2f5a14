import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from './cluster';
import { createPgDatabase, roundRobin } from './harness';
import { api, assertBuilt, freePort, ServerProcess } from './process';

const MANAGERS = ['ada@example.com', 'bo@example.com', 'cy@example.com'];

/** A POST that keeps the status, the Retry-After header and the body. */
async function post(
  url: string,
  body: unknown,
): Promise<{
  status: number;
  retryAfter: string | null;
  body: { id?: string; message?: string; statusCode?: number };
}> {
  const res = await fetch(`${url}/api/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: text ? JSON.parse(text) : {},
  };
}

/**
 * PostgreSQL drops connections (a failover, a pooler restart, `pg_terminate_backend`): no process
 * dies, the transactions run again on new connections, what cannot be stored is refused with a 503
 * that says why and when to retry, and every acknowledged lead is routed once.
 */
describe('database connections dropped under load (API + 3 workers, real processes)', () => {
  let cluster: Cluster | null = null;
  beforeAll(() => assertBuilt());
  afterEach(async () => {
    await cluster?.stop();
    cluster = null;
  });

  it('keeps every process up, routes every acknowledged lead exactly once and refuses the rest with 503 + Retry-After', async () => {
    cluster = await Cluster.start({ workers: 3 });
    const url = cluster.url;
    for (const email of MANAGERS)
      expect((await api(url, 'POST', '/api/managers', { name: email, email })).status).toBe(201);
    const workflow = await api<{ id: string }>(url, 'POST', '/api/workflows', roundRobin(MANAGERS));
    expect((await api(url, 'POST', `/api/workflows/${workflow.body.id}/activate`)).status).toBe(200);

    const acknowledged: string[] = [];
    const refused: Array<{ status: number; retryAfter: string | null; message?: string }> = [];
    let n = 0;
    let slowest = 0;
    const until = Date.now() + 7000;
    const client = async () => {
      while (Date.now() < until) {
        const t0 = Date.now();
        const res = await post(url, { fields: { name: `Lead ${n++}` } });
        slowest = Math.max(slowest, Date.now() - t0);
        if (res.status === 201) acknowledged.push(res.body.id!);
        else refused.push({ status: res.status, retryAfter: res.retryAfter, message: res.body.message });
      }
    };
    const terminate = async () => {
      for (const at of [1500, 3500, 5000]) {
        await new Promise((resolve) => setTimeout(resolve, at - (Date.now() - (until - 7000))));
        await cluster!.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
      }
    };
    await Promise.all([...Array.from({ length: 20 }, client), terminate()]);

    // Figures for the record (docs/operations.md): answers, processes still up, events still pending.
    const processes = [cluster.api, ...cluster.workers];
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const exited = processes.filter((p) => p.child!.exitCode !== null).length;
    const pending = (
      await cluster.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE status = 'pending'`)
    )[0].n;
    console.log(
      `connections dropped 3 times: ${acknowledged.length} acknowledged, ${refused.length} refused (${[...new Set(refused.map((r) => r.status))].join(', ') || 'none'}), ` +
        `${exited} of ${processes.length} processes exited, ${pending} events pending 2 s after the load, slowest answer ${slowest} ms`,
    );
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.message).toMatch(/database/i);
    }
    for (const server of processes) {
      expect(server.output).not.toMatch(/Unhandled 'error' event/);
      expect(server.child!.exitCode).toBeNull();
    }

    await cluster.settle(60_000);
    const leads = await cluster.all<{ id: string; fields: { manager: string | null } }>('/api/leads');
    const runs = await cluster.all<{ leadId: string; status: string }>(
      `/api/runs?workflowId=${workflow.body.id}`,
    );
    const runsPerLead = new Map<string, number>();
    for (const run of runs) runsPerLead.set(run.leadId, (runsPerLead.get(run.leadId) ?? 0) + 1);
    const stored = new Map(leads.map((l) => [l.id, l]));
    for (const id of acknowledged) {
      expect(runsPerLead.get(id)).toBe(1);
      expect(MANAGERS).toContain(stored.get(id)?.fields.manager);
    }
    // Leads stored but refused (the commit made it, its answer did not) are routed once too.
    for (const lead of leads) expect(runsPerLead.get(lead.id)).toBe(1);
    expect((await api(url, 'GET', '/api/ready')).status).toBe(200);
  }, 180_000);
});

describe('what an operator sees at start and in the metrics (real processes)', () => {
  beforeAll(() => assertBuilt());

  it('answers /api/metrics within 1 s while Redis is away, without the queue figures', async () => {
    const { url, drop } = await createPgDatabase();
    const server = new ServerProcess(await freePort(), {
      DATABASE_URL: url,
      REDIS_URL: 'redis://127.0.0.1:1',
      LEADFLOW_ROLE: 'api',
      QUEUE_PREFIX: `leadflow-test-${Math.random().toString(36).slice(2, 8)}`,
    });
    try {
      await server.start();
      expect((await api(server.url, 'POST', '/api/leads', { fields: { name: 'Ada' } })).status).toBe(201);
      for (let i = 0; i < 3; i++) {
        const started = Date.now();
        const res = await fetch(`${server.url}/api/metrics`);
        const text = await res.text();
        const ms = Date.now() - started;
        if (i === 0) console.log(`metrics with Redis away: ${res.status} after ${ms} ms`);
        expect(res.status).toBe(200);
        expect(ms).toBeLessThan(1000);
        expect(text).toMatch(/^leadflow_events_pending 1$/m);
        expect(text).toMatch(/^leadflow_queue_up 0$/m);
        expect(text).not.toMatch(/^leadflow_queue_jobs\{/m);
      }
    } finally {
      server.child?.kill('SIGKILL');
      await drop();
    }
  }, 60_000);

  it('warns at start when HOST is not loopback: nothing is protected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadflow-host-'));
    const server = new ServerProcess(await freePort(), {
      HOST: '0.0.0.0',
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
    });
    try {
      await server.start();
      const warnings = server.output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level === 40);
      expect(warnings.map((w) => w.msg).join('\n')).toMatch(/0\.0\.0\.0.*nothing is protected/);
    } finally {
      await server.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses an unsupported DATABASE_URL without printing its password', async () => {
    const server = new ServerProcess(await freePort(), {
      DATABASE_URL: 'mysql://u:secret@h/db',
      LOG_LEVEL: 'info',
    });
    await server.spawn();
    const code = await server.exited();
    const output = server.output;
    expect(code).toBe(1);
    expect(output).toMatch(/"level":60/);
    expect(output).toContain('mysql://u:***@h/db');
    expect(output).not.toContain('secret');
  }, 30_000);
});
