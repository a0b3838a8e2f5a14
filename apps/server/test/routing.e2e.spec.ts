import { chooseSplitBranch } from '@leadflow/engine';
import { startTarget, TARGET_TIMEOUT_MS, TARGETS } from './cluster';
import { type Target } from './harness';

const A = 'ada@example.com';
const B = 'bo@example.com';
const C = 'cy@example.com';

function assign(data: Record<string, unknown>, extra: { nodes?: unknown[]; edges?: unknown[] } = {}) {
  return {
    format: 'leadflow.workflow/v1',
    name: 'Assign',
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      {
        id: 'assign',
        type: 'updateField',
        data: { field: 'manager', operation: 'replaceWithOneOf', ...data },
      },
      ...(extra.nodes ?? []),
    ],
    edges: [{ id: 'e1', source: 'start', target: 'assign' }, ...(extra.edges ?? [])],
  };
}

/** Routing options through the HTTP API, on each database and on PostgreSQL with several workers. */
describe.each(TARGETS)('routing rules (%s)', (target) => {
  let t: Target;
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    t = await startTarget(target);
    for (const email of [A, B, C]) ids[email] = (await t.createManager(email)).id;
  }, TARGET_TIMEOUT_MS);
  afterEach(() => t.stop(), TARGET_TIMEOUT_MS);

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

  /** Sends the leads from 50 clients at once; returns them as created. */
  async function burst(leads: Array<Record<string, unknown>>): Promise<Array<{ id: string }>> {
    const created: Array<{ id: string }> = new Array(leads.length);
    let next = 0;
    const client = async () => {
      for (let i = next++; i < leads.length; i = next++) created[i] = await t.createLead(leads[i]);
    };
    await Promise.all(Array.from({ length: 50 }, client));
    return created;
  }

  async function managerOf(id: string): Promise<string | null> {
    return (await t.http.get(`/api/leads/${id}`).expect(200)).body.fields.manager;
  }

  function tally(values: unknown[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
    return counts;
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
    expect(run.steps[1].detail).toMatchObject({
      given: C,
      skipped: [{ value: B, reason: expect.any(String) }],
    });
    await t.http.patch(`/api/managers/${ids[B]}`).send({ available: true }).expect(200);
    expect(await routeOneByOne(5)).toEqual([B, A, C, A, B]);
  });

  it('skips a rep who is away until a future date, and one at capacity', async () => {
    await t.createWorkflow(assign({ values: [A, B, C] }));
    await t.http
      .patch(`/api/managers/${ids[A]}`)
      .send({ awayUntil: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(200);
    await t.http.patch(`/api/managers/${ids[B]}`).send({ capacity: 1 }).expect(200);
    // B takes one lead and is then full; A is away: C takes the rest.
    expect(await routeOneByOne(4)).toEqual([B, C, C, C]);
  });

  it('skips a rep outside their working hours in their time zone, unless switched off', async () => {
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const today = days.indexOf(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', weekday: 'short' })
        .format(new Date())
        .toLowerCase(),
    );
    // Ada works only the day after tomorrow in Tokyo; Bo works around the clock in New York.
    await t.http
      .patch(`/api/managers/${ids[A]}`)
      .send({ workingHours: { timezone: 'Asia/Tokyo', days: { [days[(today + 2) % 7]]: ['00:00-24:00'] } } })
      .expect(200);
    await t.http
      .patch(`/api/managers/${ids[B]}`)
      .send({
        workingHours: {
          timezone: 'America/New_York',
          days: Object.fromEntries(days.map((d) => [d, ['00:00-24:00']])),
        },
      })
      .expect(200);
    const w = await t.createWorkflow(assign({ values: [A, B, C] }));
    expect(await routeOneByOne(3)).toEqual([B, C, B]);
    const [run] = await t.runs({ limit: 1 });
    expect(run.steps[1].detail).toMatchObject({ skipped: [{ value: A, reason: 'outsideWorkingHours' }] });
    // With availability switched off, Ada's place in the rotation comes first again.
    await t.http
      .put(`/api/workflows/${w.id}`)
      .send(assign({ values: [A, B, C], eligibility: { skipUnavailable: false } }))
      .expect(200);
    expect(await routeOneByOne(2)).toEqual([A, C]);
  });

  it('matches reps to leads by a condition on the candidate, over 300 concurrent leads', async () => {
    const industries: Record<string, string[]> = {
      [A]: ['Medicine'],
      [B]: ['Medicine', 'Finance'],
      [C]: ['Finance'],
    };
    for (const email of [A, B, C])
      await t.http
        .patch(`/api/managers/${ids[email]}`)
        .send({ attributes: { industries: industries[email] } })
        .expect(200);
    await t.createWorkflow(
      assign({
        values: [A, B, C],
        eligibility: {
          condition: { in: [{ var: 'lead.industry' }, { var: 'candidate.attributes.industries' }] },
        },
      }),
    );
    const leads = Array.from({ length: 300 }, (_, i) => ({
      industry: ['Medicine', 'Finance', 'Space'][i % 3],
    }));
    const created = await burst(leads);
    await t.settle(60_000);
    const given = await Promise.all(created.map((lead) => managerOf(lead.id)));
    const byIndustry = (industry: string) => tally(given.filter((_, i) => leads[i].industry === industry));
    // Nobody sells to space: those leads keep no manager. Each other lead goes to a rep of its industry, and each such rep takes a share.
    expect(byIndustry('Space')).toEqual({ null: 100 });
    for (const industry of ['Medicine', 'Finance']) {
      const counts = byIndustry(industry);
      expect(Object.keys(counts).sort()).toEqual(
        [A, B, C].filter((email) => industries[email].includes(industry)),
      );
      expect(Math.min(...Object.values(counts))).toBeGreaterThanOrEqual(25);
    }
  }, 120_000);

  it('follows the list as it is edited, and stands still while everyone is away', async () => {
    const w = await t.createWorkflow(assign({ values: [A, B, C] }));
    expect(await routeOneByOne(1)).toEqual([A]);
    // Bo, next in line, leaves the list: the next rep of the old list still on it goes on.
    await t.http
      .put(`/api/workflows/${w.id}`)
      .send(assign({ values: [A, C] }))
      .expect(200);
    expect(await routeOneByOne(2)).toEqual([C, A]);
    // Bo is back in his old place: given when the rotation reaches him.
    await t.http
      .put(`/api/workflows/${w.id}`)
      .send(assign({ values: [A, B, C] }))
      .expect(200);
    expect(await routeOneByOne(3)).toEqual([B, C, A]);
    const rotation = async () =>
      (await t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200)).body;
    expect((await rotation()).next).toBe(B);

    for (const email of [A, B, C])
      await t.http.patch(`/api/managers/${ids[email]}`).send({ available: false }).expect(200);
    const nobody = await t.createLead({ name: 'Nobody in' });
    await t.settle();
    expect(await managerOf(nobody.id)).toBeNull();
    const [run] = await t.runs({ leadId: nobody.id });
    expect(run.steps[1]).toMatchObject({
      outcome: 'unchanged',
      detail: { skipped: [A, B, C].map((value) => ({ value, reason: 'unavailable' })) },
    });
    expect((await rotation()).next).toBe(B);
    for (const email of [A, B, C])
      await t.http.patch(`/api/managers/${ids[email]}`).send({ available: true }).expect(200);
    expect(await routeOneByOne(2)).toEqual([B, C]);
  });

  it('never gives an inactive rep; with nobody left, follows only the none edge', async () => {
    await t.createWorkflow(
      assign(
        { values: [A, B] },
        {
          nodes: [
            { id: 'unassigned', type: 'addTag', data: { tag: 'unassigned' } },
            { id: 'routed', type: 'addTag', data: { tag: 'routed' } },
          ],
          edges: [
            { id: 'e2', source: 'assign', sourceHandle: 'none', target: 'unassigned' },
            { id: 'e3', source: 'assign', target: 'routed' },
          ],
        },
      ),
    );
    await t.http.patch(`/api/managers/${ids[A]}`).send({ active: false }).expect(200);
    expect(await routeOneByOne(2)).toEqual([B, B]);
    await t.http.patch(`/api/managers/${ids[B]}`).send({ active: false }).expect(200);
    const lead = await t.createLead({ name: 'Nobody' });
    await t.settle();
    expect((await t.http.get(`/api/leads/${lead.id}`)).body).toMatchObject({
      fields: { manager: null },
      tags: ['unassigned'],
    });
    const [run] = await t.runs({ leadId: lead.id });
    expect(run.steps[1]).toMatchObject({ nodeId: 'assign', outcome: 'unchanged' });
  });

  it('least loaded: exact over 300 concurrent leads, counting the open leads reps already had', async () => {
    // Before the workflow: Ada has 30 open leads, Bo 15 open and 5 won (closed: not counted).
    await burst([
      ...Array.from({ length: 30 }, () => ({ manager: A })),
      ...Array.from({ length: 15 }, () => ({ manager: B })),
      ...Array.from({ length: 5 }, () => ({ manager: B, status: 'Won' })),
    ]);
    await t.createWorkflow(assign({ values: [A, B, C], strategy: 'leastLoaded' }));
    const created = await burst(Array.from({ length: 255 }, (_, i) => ({ name: `Lead ${i}` })));
    await t.settle(60_000);
    expect(tally(await Promise.all(created.map((lead) => managerOf(lead.id))))).toEqual({
      [A]: 70,
      [B]: 85,
      [C]: 100,
    });
    const open = (await t.all<{ fields: { manager: string; status?: string } }>('/api/leads')).filter(
      (lead) => lead.fields.status !== 'Won',
    );
    expect(tally(open.map((lead) => lead.fields.manager))).toEqual({ [A]: 100, [B]: 100, [C]: 100 });
  }, 120_000);

  it('sticky by company: every lead of an account gets one rep, also when they arrive together', async () => {
    const w = await t.createWorkflow(assign({ values: [A, B, C], sticky: { by: 'company' } }));
    // 30 accounts, 4 leads each, spelled differently and interleaved.
    const leads = Array.from({ length: 120 }, (_, i) => ({
      company: [`Company ${i % 30}`, ` company ${i % 30} `, `COMPANY ${i % 30}`, `Company ${i % 30}`][
        Math.floor(i / 30)
      ],
    }));
    const created = await burst(leads);
    await t.settle(60_000);
    const ownerOf = new Map<number, Set<string | null>>();
    for (const [i, lead] of created.entries()) {
      const owners = ownerOf.get(i % 30) ?? new Set();
      owners.add(await managerOf(lead.id));
      ownerOf.set(i % 30, owners);
    }
    for (const owners of ownerOf.values()) expect(owners.size).toBe(1);
    // The rotation moved once per new account only.
    expect(tally([...ownerOf.values()].map((owners) => [...owners][0]))).toEqual({
      [A]: 10,
      [B]: 10,
      [C]: 10,
    });
    const rotation = (await t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200)).body;
    expect(rotation.values.map((v: { given: number }) => v.given)).toEqual([40, 40, 40]);
  }, 120_000);

  it('random: only eligible reps, each of them, over 300 concurrent leads', async () => {
    const w = await t.createWorkflow(assign({ values: [A, B, C], strategy: 'random' }));
    await t.http.patch(`/api/managers/${ids[B]}`).send({ available: false }).expect(200);
    const created = await burst(Array.from({ length: 300 }, (_, i) => ({ name: `Lead ${i}` })));
    await t.settle(60_000);
    const counts = tally(await Promise.all(created.map((lead) => managerOf(lead.id))));
    expect(Object.keys(counts).sort()).toEqual([A, C]);
    // 150 expected each; below 90 has a probability under 1e-11.
    expect(Math.min(counts[A], counts[C])).toBeGreaterThan(90);
    const runs = await t.all<{ steps: Array<{ nodeId: string; detail?: { skipped?: unknown[] } }> }>(
      `/api/runs?workflowId=${w.id}`,
    );
    expect(runs).toHaveLength(300);
    for (const run of runs)
      expect(run.steps[1].detail?.skipped).toEqual([{ value: B, reason: expect.any(String) }]);
  }, 120_000);

  it('reassigns untouched leads to someone else after a wait that outlives a restart and a new version', async () => {
    const w = await t.createWorkflow(reassignUntouched('reassigned'));
    const created = await burst(Array.from({ length: 30 }, (_, i) => ({ name: `Lead ${i}`, status: 'New' })));
    await t.settle();
    const first = await Promise.all(created.map((lead) => managerOf(lead.id)));
    expect(tally(first)).toEqual({ [A]: 10, [B]: 10, [C]: 10 });
    // Every third lead is handled in time.
    for (const [i, lead] of created.entries()) {
      if (i % 3 === 0)
        await t.http
          .patch(`/api/leads/${lead.id}`)
          .send({ fields: { status: 'Contacted' } })
          .expect(200);
    }
    // A new version while the runs wait, then every process goes down and comes back.
    await t.http.put(`/api/workflows/${w.id}`).send(reassignUntouched('reassigned-v2')).expect(200);
    t = await t.restart();
    await t.settle();
    await t.makeWaitsDue();
    for (const [i, lead] of created.entries()) {
      const now = (await t.http.get(`/api/leads/${lead.id}`).expect(200)).body;
      if (i % 3 === 0) {
        expect(now).toMatchObject({ fields: { manager: first[i] }, tags: [] });
      } else {
        expect(now.tags).toEqual(['reassigned']);
        expect([A, B, C]).toContain(now.fields.manager);
        expect(now.fields.manager).not.toBe(first[i]);
      }
    }
    const runs = await t.all<{ status: string; workflowVersion: number }>(`/api/runs?workflowId=${w.id}`);
    expect(runs.map((run) => [run.status, run.workflowVersion])).toEqual(
      Array.from({ length: 30 }, () => ['completed', 1]),
    );
  }, 120_000);

  it('split: each lead takes the branch of its id; the report counts leads and wins per branch', async () => {
    const branches = [
      { id: 'A', percent: 30 },
      { id: 'B', percent: 70 },
    ];
    const w = await t.createWorkflow({
      format: 'leadflow.workflow/v1',
      name: 'Split',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        { id: 'test', type: 'split', data: { branches } },
        { id: 'old', type: 'addTag', data: { tag: 'A' } },
        { id: 'new', type: 'addTag', data: { tag: 'B' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'test' },
        { id: 'e2', source: 'test', sourceHandle: 'A', target: 'old' },
        { id: 'e3', source: 'test', sourceHandle: 'B', target: 'new' },
      ],
    });
    const created = await burst(
      Array.from({ length: 300 }, (_, i) => ({ name: `Lead ${i}`, status: 'New' })),
    );
    await t.settle(60_000);
    const leads = new Map(
      (await t.all<{ id: string; tags: string[] }>('/api/leads')).map((lead) => [lead.id, lead]),
    );
    const branchOf = new Map(
      created.map((lead) => [lead.id, chooseSplitBranch(lead.id, 'test', branches)!.id]),
    );
    for (const lead of created) expect(leads.get(lead.id)!.tags).toEqual([branchOf.get(lead.id)]);
    const inB = created.filter((lead) => branchOf.get(lead.id) === 'B');
    // About 30/70; the exact share depends on the random lead ids.
    expect(inB.length).toBeGreaterThan(170);
    expect(inB.length).toBeLessThan(250);
    // Half of branch B wins.
    for (const lead of inB.filter((_, i) => i % 2 === 0))
      await t.http
        .patch(`/api/leads/${lead.id}`)
        .send({ fields: { status: 'Won' } })
        .expect(200);
    const report = (await t.http.get(`/api/workflows/${w.id}/splits/test`).expect(200)).body;
    expect(report.branches).toEqual([
      { id: 'A', leads: 300 - inB.length, won: 0, rate: 0 },
      {
        id: 'B',
        leads: inB.length,
        won: Math.ceil(inB.length / 2),
        rate: Math.ceil(inB.length / 2) / inB.length,
      },
    ]);
    expect(report.verdict).toMatch(/^B converts better/);
  }, 120_000);
});

/** Round robin on creation; two hours later, a lead still `New` goes to another rep and is tagged. */
function reassignUntouched(tag: string) {
  return {
    format: 'leadflow.workflow/v1',
    name: 'Reassign untouched',
    nodes: [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      {
        id: 'assign',
        type: 'updateField',
        data: { field: 'manager', operation: 'replaceWithOneOf', values: [A, B, C] },
      },
      { id: 'wait', type: 'wait', data: { duration: 'PT2H' } },
      { id: 'untouched', type: 'filter', data: { condition: { '==': [{ var: 'lead.status' }, 'New'] } } },
      {
        id: 'reassign',
        type: 'updateField',
        data: { field: 'manager', operation: 'replaceWithOneOf', values: [A, B, C], excludeCurrent: true },
      },
      { id: 'tag', type: 'addTag', data: { tag } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'assign' },
      { id: 'e2', source: 'assign', target: 'wait' },
      { id: 'e3', source: 'wait', target: 'untouched' },
      { id: 'e4', source: 'untouched', sourceHandle: 'pass', target: 'reassign' },
      { id: 'e5', source: 'reassign', target: 'tag' },
    ],
  };
}
