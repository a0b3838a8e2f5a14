import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from '@leadflow/test-support';
import { Cluster } from './cluster';
import { roundRobin } from './harness';
import { api, assertBuilt, freePort } from './process';

const MANAGERS = ['ada@example.com', 'bo@example.com', 'cy@example.com'];

interface Lead {
  id: string;
  fields: { manager: string | null };
  tags: string[];
}

/**
 * The scaled-out mode as it runs in production: separate API and worker processes over PostgreSQL
 * and Redis (BullMQ). Every acknowledged lead is routed exactly once, in order, with an exact
 * rotation, even when a worker is killed mid-run or Redis goes away for a while.
 */
describe('scaled-out mode (PostgreSQL + BullMQ, real processes)', () => {
  let cluster: Cluster | null = null;

  beforeAll(() => assertBuilt());
  afterEach(async () => {
    await cluster?.stop();
    cluster = null;
  });

  it('routes 2,000 leads over 3 workers exactly once, in order, with an exact rotation, when one worker is SIGKILLed', async () => {
    cluster = await Cluster.start({ workers: 3 });
    const { api: apiServer, workers } = cluster;
    const workflowId = await setUp(apiServer.url);
    // A worker serves health, readiness and metrics, not the API.
    expect(await api(workers[1].url, 'GET', '/api/ready')).toEqual({
      status: 200,
      body: { status: 'ok', role: 'worker', database: true, redis: true },
    });
    expect((await api(workers[1].url, 'GET', '/api/leads')).status).toBe(404);

    // 50 clients; every fourth lead also gets two score updates right away, whose runs must see each other in order.
    const acknowledged: string[] = [];
    const scored = new Set<string>();
    let sent = 0;
    let killed = false;
    const client = async () => {
      while (sent < 2000) {
        const n = sent++;
        const res = await api<{ id: string }>(apiServer.url, 'POST', '/api/leads', {
          fields: { name: `Lead ${n}` },
        });
        expect(res.status).toBe(201);
        acknowledged.push(res.body.id);
        if (n % 4 === 0) {
          for (const score of [1, 2])
            expect(
              (await api(apiServer.url, 'PATCH', `/api/leads/${res.body.id}`, { fields: { score } })).status,
            ).toBe(200);
          scored.add(res.body.id);
        }
        if (acknowledged.length >= 1000 && !killed) {
          killed = true;
          expect(await workers[0].stop('SIGKILL')).toBeNull();
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, client));
    expect(killed).toBe(true);

    await cluster.settle(120_000);
    await checkRouting(cluster, workflowId, acknowledged, scored);

    // The workers loaded the active workflows long ago: a deactivation through the API reaches them before any later event.
    expect((await api(apiServer.url, 'POST', `/api/workflows/${workflowId}/deactivate`)).status).toBe(200);
    const late = await api<{ id: string }>(apiServer.url, 'POST', '/api/leads', { fields: { name: 'Late' } });
    await cluster.settle(30_000);
    expect(
      (await api<Lead>(apiServer.url, 'GET', `/api/leads/${late.body.id}`)).body.fields.manager,
    ).toBeNull();
    expect((await api(apiServer.url, 'GET', `/api/runs?leadId=${late.body.id}`)).body).toEqual([]);
  }, 300_000);

  it('keeps weights exact over 1,000 concurrent leads on 3 workers, and finishes waiting runs after every worker restarted', async () => {
    cluster = await Cluster.start({ workers: 3 });
    const { api: apiServer, workers } = cluster;
    for (const email of MANAGERS)
      expect((await api(apiServer.url, 'POST', '/api/managers', { name: email, email })).status).toBe(201);
    const workflow = await api<{ id: string }>(apiServer.url, 'POST', '/api/workflows', {
      format: 'leadflow.workflow/v1',
      name: 'Weighted, then wait',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        {
          id: 'assign',
          type: 'updateField',
          data: {
            field: 'manager',
            operation: 'replaceWithOneOf',
            values: MANAGERS,
            strategy: 'weighted',
            weights: [2, 2, 1],
          },
        },
        { id: 'wait', type: 'wait', data: { duration: 'PT3S' } },
        { id: 'tag', type: 'addTag', data: { tag: 'waited' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'assign' },
        { id: 'e2', source: 'assign', target: 'wait' },
        { id: 'e3', source: 'wait', target: 'tag' },
      ],
    });
    expect((await api(apiServer.url, 'POST', `/api/workflows/${workflow.body.id}/activate`)).status).toBe(
      200,
    );

    let sent = 0;
    const client = async () => {
      while (sent < 1000) {
        sent++;
        expect(
          (await api(apiServer.url, 'POST', '/api/leads', { fields: { name: `Lead ${sent}` } })).status,
        ).toBe(201);
      }
    };
    await Promise.all(Array.from({ length: 50 }, client));
    await cluster.settle(60_000);

    // Every run now waits. All workers go down and new ones come up: the waits are rows, not timers.
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await cluster.addWorker();
    await cluster.addWorker();
    const restarted = cluster;
    const runs = await waitFor(
      'every run to complete',
      () => restarted.all<{ status: string }>(`/api/runs?workflowId=${workflow.body.id}`),
      {
        // Left to the checks below at the deadline: they say which runs did not complete.
        until: (list) => list.every((r) => r.status === 'completed'),
        timeoutMs: 60_000,
        intervalMs: 250,
        onTimeout: 'return',
      },
    );
    expect(runs).toHaveLength(1000);
    expect(runs.filter((r) => r.status !== 'completed')).toEqual([]);
    const leads = await cluster.all<Lead>('/api/leads');
    expect(MANAGERS.map((m) => leads.filter((l) => l.fields.manager === m).length)).toEqual([400, 400, 200]);
    expect(leads.every((l) => l.tags.includes('waited'))).toBe(true);
  }, 240_000);

  it('loses nothing while Redis is away for a few seconds', async () => {
    const port = await freePort();
    const redis = new RedisProcess(port);
    await redis.start();
    try {
      cluster = await Cluster.start({ workers: 1, redisUrl: `redis://127.0.0.1:${port}` });
      const apiServer = cluster.api;
      const workflowId = await setUp(apiServer.url);

      const acknowledged: string[] = [];
      let phase: 'before' | 'away' | 'back' = 'before';
      const sendFor = async (ms: number) => {
        const until = Date.now() + ms;
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            while (Date.now() < until) {
              const res = await api<{ id: string }>(apiServer.url, 'POST', '/api/leads', {
                fields: { name: `Lead ${phase}` },
              });
              // The API answers from PostgreSQL alone: a 201 while Redis is away too.
              expect(res.status).toBe(201);
              acknowledged.push(res.body.id);
            }
          }),
        );
      };
      await sendFor(1500);
      phase = 'away';
      await redis.stop();
      expect((await api(apiServer.url, 'GET', '/api/ready')).status).toBe(503);
      await sendFor(3000);
      const whileAway = acknowledged.length;
      phase = 'back';
      // A new, empty Redis on the same port: every job it held is gone, the outbox is not.
      await redis.start();
      await sendFor(1500);
      expect(acknowledged.length).toBeGreaterThan(whileAway);

      await cluster.settle(60_000);
      await checkRouting(cluster, workflowId, acknowledged, new Set());
    } finally {
      await redis.stop();
    }
  }, 180_000);
});

/** Managers, the round-robin workflow on lead.created, and a workflow that tells whether score updates ran in order. */
async function setUp(url: string): Promise<string> {
  for (const email of MANAGERS)
    expect((await api(url, 'POST', '/api/managers', { name: email, email })).status).toBe(201);
  const rotation = await api<{ id: string }>(url, 'POST', '/api/workflows', roundRobin(MANAGERS));
  const order = await api<{ id: string }>(url, 'POST', '/api/workflows', {
    format: 'leadflow.workflow/v1',
    name: 'Score order',
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.fieldUpdated', field: 'score' } },
      { id: 'first', type: 'filter', data: { condition: { '==': [{ var: 'event.to' }, 1] } } },
      { id: 'one', type: 'addTag', data: { tag: 'one' } },
      { id: 'after-one', type: 'filter', data: { condition: { in: ['one', { var: 'lead.tags' }] } } },
      { id: 'ordered', type: 'addTag', data: { tag: 'ordered' } },
      { id: 'disordered', type: 'addTag', data: { tag: 'disordered' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'first' },
      { id: 'e2', source: 'first', sourceHandle: 'pass', target: 'one' },
      { id: 'e3', source: 'first', sourceHandle: 'fail', target: 'after-one' },
      { id: 'e4', source: 'after-one', sourceHandle: 'pass', target: 'ordered' },
      { id: 'e5', source: 'after-one', sourceHandle: 'fail', target: 'disordered' },
    ],
  });
  for (const id of [rotation.body.id, order.body.id])
    expect((await api(url, 'POST', `/api/workflows/${id}/activate`)).status).toBe(200);
  return rotation.body.id;
}

async function checkRouting(
  cluster: Cluster,
  workflowId: string,
  acknowledged: string[],
  scored: Set<string>,
): Promise<void> {
  const leads = await cluster.all<Lead>('/api/leads');
  const runs = await cluster.all<{ leadId: string; status: string }>(`/api/runs?workflowId=${workflowId}`);
  const runsPerLead = new Map<string, number>();
  for (const run of runs) {
    expect(run.status).toBe('completed');
    runsPerLead.set(run.leadId, (runsPerLead.get(run.leadId) ?? 0) + 1);
  }
  const stored = new Map(leads.map((l) => [l.id, l]));
  for (const id of acknowledged) {
    expect(runsPerLead.get(id)).toBe(1);
    expect(MANAGERS).toContain(stored.get(id)?.fields.manager);
  }
  for (const lead of leads) expect(runsPerLead.get(lead.id)).toBe(1);
  for (const id of scored) expect(stored.get(id)?.tags).toEqual(['one', 'ordered']);
  const counts = MANAGERS.map((m) => leads.filter((l) => l.fields.manager === m).length);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  const insight = await api<{ values: Array<{ value: string; given: number }> }>(
    cluster.url,
    'GET',
    `/api/workflows/${workflowId}/nodes/assign/rotation`,
  );
  expect(insight.body.values.map((v) => v.given)).toEqual(counts);
}

/** A throw-away redis-server without persistence, so that a restart loses every job it held. */
class RedisProcess {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor('redis-server to answer PING', () => this.ping(), { timeoutMs: 10_000 });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const probe = spawn('redis-cli', ['-p', String(this.port), 'ping'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let out = '';
      probe.stdout.on('data', (d) => (out += d));
      probe.on('exit', () => resolve(out.includes('PONG')));
    });
  }
}
