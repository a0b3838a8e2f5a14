import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TEAM, EXAMPLES_DIR, roundRobin, type Target } from './harness';
import { startTarget, TARGET_TIMEOUT_MS, TARGETS } from './cluster';

describe.each(TARGETS)('routing insight (%s)', (target) => {
  let t: Target;
  beforeEach(async () => {
    t = await startTarget(target);
    for (const email of DEMO_TEAM) await t.createManager(email);
  }, TARGET_TIMEOUT_MS);
  afterEach(() => t.stop(), TARGET_TIMEOUT_MS);

  it('counts what a rotation gave, per value, and says who is next', async () => {
    const w = await t.createWorkflow(roundRobin(['ada@example.com', 'bo@example.com', 'cy@example.com']));
    const empty = (await t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200)).body;
    expect(empty.next).toBe('ada@example.com');
    expect(empty.values.map((v: { given: number }) => v.given)).toEqual([0, 0, 0]);
    for (let i = 0; i < 7; i++) await t.createLead({ name: `L${i}` });
    await t.settle();
    const res = (await t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200)).body;
    expect(res.values).toEqual([
      {
        value: 'ada@example.com',
        given: 3,
        givenLast7Days: 3,
        lastGivenAt: expect.any(String),
        onList: true,
      },
      { value: 'bo@example.com', given: 2, givenLast7Days: 2, lastGivenAt: expect.any(String), onList: true },
      { value: 'cy@example.com', given: 2, givenLast7Days: 2, lastGivenAt: expect.any(String), onList: true },
    ]);
    expect(res.next).toBe('bo@example.com');

    // A later version without Ada still reports what she was given, after the list.
    await t.http
      .put(`/api/workflows/${w.id}`)
      .send(roundRobin(['bo@example.com', 'cy@example.com']))
      .expect(200);
    const v2 = (await t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200)).body;
    expect(v2.values.map((v: { value: string; onList: boolean }) => [v.value, v.onList])).toEqual([
      ['bo@example.com', true],
      ['cy@example.com', true],
      ['ada@example.com', false],
    ]);
    expect(v2.next).toBe('bo@example.com');

    await t.http.get(`/api/workflows/${w.id}/nodes/start/rotation`).expect(400);
    await t.http.get(`/api/workflows/${w.id}/nodes/nope/rotation`).expect(404);
    await t.http.get('/api/workflows/nope/nodes/assign/rotation').expect(404);
  });

  it('reports a split per branch: leads, won, rate, p-value and a verdict', async () => {
    const file = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'ab-split.workflow.json'), 'utf8'));
    const w = await t.createWorkflow(file);
    const early = (await t.http.get(`/api/workflows/${w.id}/splits/test`).expect(200)).body;
    expect(early).toEqual({
      branches: [
        { id: 'A', leads: 0, won: 0, rate: null },
        { id: 'B', leads: 0, won: 0, rate: null },
      ],
      pValue: null,
      verdict: expect.stringMatching(/not enough data/i),
    });

    const leads = await Promise.all(
      Array.from({ length: 120 }, (_, i) => t.createLead({ name: `L${i}`, status: 'New' })),
    );
    await t.settle();
    // Win every lead of branch B and one in five of branch A.
    const runs = await t.runs({ workflowId: w.id, limit: 1000 });
    const branchOf = new Map(runs.map((r) => [r.leadId, r.steps.find((s) => s.nodeId === 'test')!.outcome]));
    let a = 0;
    for (const lead of leads) {
      const won = branchOf.get(lead.id) === 'B' || a++ % 5 === 0;
      if (won)
        await t.http
          .patch(`/api/leads/${lead.id}`)
          .send({ fields: { status: 'Won' } })
          .expect(200);
    }
    const res = (await t.http.get(`/api/workflows/${w.id}/splits/test`).expect(200)).body;
    const counts = Object.fromEntries(
      res.branches.map((b: { id: string; leads: number }) => [b.id, b.leads]),
    );
    expect(counts.A + counts.B).toBe(120);
    expect(res.branches[1]).toMatchObject({ id: 'B', won: counts.B, rate: 1 });
    expect(res.pValue).toBeLessThan(0.001);
    expect(res.verdict).toMatch(/^B converts better/);
    await t.http.get(`/api/workflows/${w.id}/splits/rotation`).expect(400);
  });
});
