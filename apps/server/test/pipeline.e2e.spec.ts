import { waitFor } from '@leadflow/test-support';
import { DEMO_TEAM, roundRobin, type Target } from './harness';
import { startTarget, TARGET_TIMEOUT_MS, TARGETS } from './cluster';

describe.each(TARGETS)('event pipeline (%s)', (target) => {
  let t: Target;
  beforeEach(async () => {
    t = await startTarget(target);
    for (const email of DEMO_TEAM) await t.createManager(email);
  }, TARGET_TIMEOUT_MS);
  afterEach(() => t.stop(), TARGET_TIMEOUT_MS);

  it('gives a new lead its manager and records the run with its steps', async () => {
    const w = await t.createWorkflow(roundRobin(['ada@example.com', 'bo@example.com']));
    const lead = await t.createLead({ name: 'Acme' });
    await t.settle();
    expect((await t.http.get(`/api/leads/${lead.id}`)).body.fields.manager).toBe('ada@example.com');
    const [run] = await t.runs({ leadId: lead.id });
    expect(run).toMatchObject({
      workflowId: w.id,
      workflowVersion: 1,
      leadId: lead.id,
      status: 'completed',
      event: { type: 'lead.created' },
      steps: [
        { nodeId: 'start', type: 'trigger', outcome: 'matched' },
        {
          nodeId: 'assign',
          type: 'updateField',
          outcome: 'changed',
          detail: expect.objectContaining({ given: 'ada@example.com' }),
        },
      ],
    });
    expect(new Date(run.finishedAt!).getTime()).toBeGreaterThanOrEqual(new Date(lead.createdAt).getTime());
    expect((await t.http.get(`/api/runs/${run.id}`).expect(200)).body).toEqual(run);
    await t.http.get('/api/runs/nope').expect(404);
    await t.http.get('/api/runs?status=bogus').expect(400);
  });

  it('keeps round robin exact under 30 concurrent requests', async () => {
    await t.createWorkflow(roundRobin(['ada@example.com', 'bo@example.com', 'cy@example.com']));
    const leads = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.createLead({ name: `Lead ${i}` })),
    );
    await t.settle();
    const counts: Record<string, number> = {};
    for (const lead of leads) {
      const manager = (await t.http.get(`/api/leads/${lead.id}`)).body.fields.manager;
      counts[manager] = (counts[manager] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'ada@example.com': 10, 'bo@example.com': 10, 'cy@example.com': 10 });
    const runs = await t.runs({ limit: 1000 });
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((r) => r.leadId)).size).toBe(30);
  });

  it('runs several matching workflows in creation order, later ones seeing earlier changes', async () => {
    const first = await t.createWorkflow(roundRobin(['cy@example.com'], 'First'));
    const second = await t.createWorkflow({
      format: 'leadflow.workflow/v1',
      name: 'Second',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        {
          id: 'is-cy',
          type: 'filter',
          data: { condition: { '==': [{ var: 'lead.manager' }, 'cy@example.com'] } },
        },
        { id: 'tag', type: 'addTag', data: { tag: 'cy-owned' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'is-cy' },
        { id: 'e2', source: 'is-cy', sourceHandle: 'pass', target: 'tag' },
      ],
    });
    const lead = await t.createLead({ name: 'Acme' });
    await t.settle();
    expect((await t.http.get(`/api/leads/${lead.id}`)).body.tags).toEqual(['cy-owned']);
    const runs = await t.runs({ leadId: lead.id });
    expect(runs.map((r) => r.workflowId)).toEqual([first.id, second.id]);
  });

  it('processes events caused by actions, and stops a loop at depth 8 with a skipped run', async () => {
    // Each status change flips the status again: a loop only the depth guard can stop.
    await t.createWorkflow({
      format: 'leadflow.workflow/v1',
      name: 'Flip',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.fieldUpdated', field: 'status' } },
        { id: 'is-a', type: 'filter', data: { condition: { '==': [{ var: 'lead.status' }, 'A'] } } },
        { id: 'to-b', type: 'updateField', data: { field: 'status', operation: 'set', value: 'B' } },
        { id: 'to-a', type: 'updateField', data: { field: 'status', operation: 'set', value: 'A' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'is-a' },
        { id: 'e2', source: 'is-a', sourceHandle: 'pass', target: 'to-b' },
        { id: 'e3', source: 'is-a', sourceHandle: 'fail', target: 'to-a' },
      ],
    });
    const lead = await t.createLead({ name: 'Loop' });
    await t.http
      .patch(`/api/leads/${lead.id}`)
      .send({ fields: { status: 'A' } })
      .expect(200);
    await t.settle();
    const runs = await t.runs({ leadId: lead.id, limit: 1000 });
    const depths = runs.map((r) => r.event.depth as number);
    expect(Math.max(...depths)).toBe(9);
    const skipped = runs.filter((r) => r.status === 'skipped');
    expect(skipped).toHaveLength(1);
    for (const run of skipped) {
      expect(run.event.depth).toBe(9);
      expect(run.reason).toMatch(/depth/);
      expect(run.steps).toEqual([]);
    }
    expect(
      runs
        .filter((r) => r.status === 'completed')
        .map((r) => r.event.depth)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // Runs at even depths set B; the run at depth 8 made the last change.
    expect((await t.http.get(`/api/leads/${lead.id}`)).body.fields.status).toBe('B');
  });

  it('processes the events of one lead in order', async () => {
    await t.createWorkflow({
      format: 'leadflow.workflow/v1',
      name: 'Score watcher',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.fieldUpdated', field: 'score' } },
        { id: 'tag', type: 'addTag', data: { tag: 'scored' } },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'tag' }],
    });
    const lead = await t.createLead({ name: 'Ordered' });
    for (let score = 1; score <= 15; score++) {
      await t.http.patch(`/api/leads/${lead.id}`).send({ fields: { score } }).expect(200);
    }
    await t.settle();
    const runs = (await t.runs({ leadId: lead.id, limit: 100 })).reverse();
    const scores = runs.filter((r) => r.event.field === 'score').map((r) => r.event.to);
    expect(scores).toHaveLength(15);
    const eventIds = runs.map((r) => Number(r.event.id));
    expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds.slice().sort((a, b) => a - b));
    expect(scores.slice().sort((a, b) => (a as number) - (b as number))).toEqual(
      scores.slice().sort((a, b) => (a as number) - (b as number)),
    );
  });

  it('suspends a run at a wait and resumes it when due', async () => {
    await t.createWorkflow(waitThenTag('PT1S'));
    const lead = await t.createLead({ name: 'Patient' });
    await t.settle();
    const [waiting] = await t.runs({ leadId: lead.id });
    expect(waiting.status).toBe('waiting');
    expect(waiting.steps.map((s) => s.outcome)).toEqual(['matched', 'scheduled']);
    const completed = async () => (await t.runs({ leadId: lead.id }))[0].status === 'completed';
    await waitFor('the run to complete', completed, { timeoutMs: 5000 });
    const [done] = await t.runs({ leadId: lead.id });
    expect(done.steps.map((s) => s.outcome)).toEqual(['matched', 'scheduled', 'resumed', 'changed']);
    expect((await t.http.get(`/api/leads/${lead.id}`)).body.tags).toEqual(['waited']);
  });

  it('ends waiting runs as skipped when the workflow is deactivated', async () => {
    const w = await t.createWorkflow(waitThenTag('PT1H'));
    const lead = await t.createLead({ name: 'Abandoned' });
    await t.settle();
    await t.http.post(`/api/workflows/${w.id}/deactivate`).expect(200);
    const [run] = await t.runs({ leadId: lead.id });
    expect(run).toMatchObject({ status: 'skipped', reason: expect.stringContaining('deactivated') });
  });

  it('finishes a waiting run on the version it started with, also across a restart', async () => {
    const w = await t.createWorkflow(waitThenTag('PT2S'));
    const lead = await t.createLead({ name: 'Durable' });
    await t.settle();
    await t.http
      .put(`/api/workflows/${w.id}`)
      .send({
        ...waitThenTag('PT2S'),
        nodes: waitThenTag('PT2S').nodes.map((n) => (n.id === 'tag' ? { ...n, data: { tag: 'v2' } } : n)),
      })
      .expect(200);
    t = await t.restart();
    const completed = async () => (await t.runs({ leadId: lead.id }))[0].status === 'completed';
    await waitFor('the run to complete', completed, { timeoutMs: 8000 });
    const [run] = await t.runs({ leadId: lead.id });
    expect(run.workflowVersion).toBe(1);
    expect((await t.http.get(`/api/leads/${lead.id}`)).body.tags).toEqual(['waited']);
  });
});

function waitThenTag(duration: string) {
  return {
    format: 'leadflow.workflow/v1',
    name: `Wait ${duration}`,
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      { id: 'wait', type: 'wait', data: { duration } },
      { id: 'tag', type: 'addTag', data: { tag: 'waited' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'wait' },
      { id: 'e2', source: 'wait', target: 'tag' },
    ],
  };
}
