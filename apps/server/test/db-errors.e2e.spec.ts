import { Cluster } from './cluster';
import { roundRobin } from './harness';
import { api, assertBuilt } from './process';

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
