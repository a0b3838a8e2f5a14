import { DATABASES, startTestServer, type TestServer } from './harness';

const A = 'ada@example.com';
const B = 'bo@example.com';
const C = 'cy@example.com';

function assign(data: Record<string, unknown>, extra: { nodes?: unknown[]; edges?: unknown[] } = {}) {
  return {
    format: 'leadflow.workflow/v1',
    name: 'Assign',
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      { id: 'assign', type: 'updateField', data: { field: 'manager', operation: 'replaceWithOneOf', ...data } },
      ...(extra.nodes ?? []),
    ],
    edges: [{ id: 'e1', source: 'start', target: 'assign' }, ...(extra.edges ?? [])],
  };
}

/** Routing options through the HTTP API, on each database. */
describe.each(DATABASES)('routing rules (%s)', (database) => {
  let t: TestServer;
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    t = await startTestServer({}, database);
    for (const email of [A, B, C]) ids[email] = (await t.createManager(email)).id;
  });
  afterEach(() => t.stop());

  /** One lead at a time, each routed before the next: the order of the rotation is then defined. */
  async function routeOneByOne(count: number): Promise<unknown[]> {
    const managers: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const lead = await t.createLead({ name: `Lead ${i}` });
      await t.settle();
      managers.push((await t.http.get(`/api/leads/${lead.id}`)).body.fields.manager);
    }
    return managers;
  }

  it('weighted: exact over 1,000 concurrent leads (weights 2, 2, 1), and interleaved', async () => {
    const w = await t.createWorkflow(assign({ values: [A, B, C], strategy: 'weighted', weights: [2, 2, 1] }));
    for (let sent = 0; sent < 1000; sent += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => t.createLead({ name: `Lead ${sent + i}` })));
    }
    await t.settle(30_000);
    const counts: Record<string, number> = {};
    for (const lead of (await t.http.get('/api/leads?limit=1000').expect(200)).body) {
      counts[lead.fields.manager] = (counts[lead.fields.manager] ?? 0) + 1;
    }
    expect(counts).toEqual({ [A]: 400, [B]: 400, [C]: 200 });
    const rotation = (await t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200)).body;
    expect(rotation.values.map((v: { given: number }) => v.given)).toEqual([400, 400, 200]);
    expect(await routeOneByOne(5)).toEqual([A, B, C, A, B]);
  }, 120_000);

  it('skips an unavailable rep, who keeps his turn and gets no burst when back', async () => {
    await t.createWorkflow(assign({ values: [A, B, C] }));
    await t.http.patch(`/api/managers/${ids[B]}`).send({ available: false }).expect(200);
    expect(await routeOneByOne(4)).toEqual([A, C, A, C]);
    const [run] = await t.runs({ limit: 1 });
    expect(run.steps[1].detail).toMatchObject({ given: C, skipped: [{ value: B, reason: expect.any(String) }] });
    await t.http.patch(`/api/managers/${ids[B]}`).send({ available: true }).expect(200);
    expect(await routeOneByOne(5)).toEqual([B, A, C, A, B]);
  });

  it('skips a rep who is away until a future date, and one at capacity', async () => {
    await t.createWorkflow(assign({ values: [A, B, C] }));
    await t.http.patch(`/api/managers/${ids[A]}`).send({ awayUntil: new Date(Date.now() + 86_400_000).toISOString() }).expect(200);
    await t.http.patch(`/api/managers/${ids[B]}`).send({ capacity: 1 }).expect(200);
    // B takes one lead and is then full; A is away: C takes the rest.
    expect(await routeOneByOne(4)).toEqual([B, C, C, C]);
  });

  it('never gives an inactive rep; with nobody left, follows only the none edge', async () => {
    await t.createWorkflow(
      assign(
        { values: [A, B] },
        { nodes: [{ id: 'unassigned', type: 'addTag', data: { tag: 'unassigned' } }, { id: 'routed', type: 'addTag', data: { tag: 'routed' } }],
          edges: [{ id: 'e2', source: 'assign', sourceHandle: 'none', target: 'unassigned' }, { id: 'e3', source: 'assign', target: 'routed' }] },
      ),
    );
    await t.http.patch(`/api/managers/${ids[A]}`).send({ active: false }).expect(200);
    expect(await routeOneByOne(2)).toEqual([B, B]);
    await t.http.patch(`/api/managers/${ids[B]}`).send({ active: false }).expect(200);
    const lead = await t.createLead({ name: 'Nobody' });
    await t.settle();
    expect((await t.http.get(`/api/leads/${lead.id}`)).body).toMatchObject({ fields: { manager: null }, tags: ['unassigned'] });
    const [run] = await t.runs({ leadId: lead.id });
    expect(run.steps[1]).toMatchObject({ nodeId: 'assign', outcome: 'unchanged' });
  });
});
