import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTarget, TARGET_TIMEOUT_MS, TARGETS } from './cluster';
import { EXAMPLES_DIR, type Target } from './harness';

type Lead = { id: string; fields: Record<string, unknown>; tags: string[] };
type Scenario = (t: Target) => Promise<void>;

const file = (name: string) => JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8'));

async function lead(t: Target, id: string): Promise<Lead> {
  await t.settle();
  return (await t.http.get(`/api/leads/${id}`).expect(200)).body;
}

/**
 * Creates a lead and waits until it is routed. Runs of different leads may run in parallel (on
 * PostgreSQL they do), so a scenario that expects the rotation in creation order routes one at a time.
 */
async function routed(t: Target, fields: Record<string, unknown>, tags?: string[]) {
  const created = await t.createLead(fields, tags);
  await t.settle();
  return created;
}

/** Creates one lead per entry and returns the managers they end up with. */
async function managersFor(t: Target, leads: Array<Record<string, unknown>>): Promise<Array<unknown>> {
  const out: unknown[] = [];
  for (const fields of leads) {
    const created = await routed(t, fields);
    out.push((await lead(t, created.id)).fields.manager);
  }
  return out;
}

/** What each example does to sample leads of the demo team (examples/managers.json). */
const SCENARIOS: Record<string, Scenario> = {
  'round-robin.workflow.json': async (t) => {
    expect(await managersFor(t, [{}, {}, {}, {}, {}])).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
      'di@example.com',
      'ada@example.com',
    ]);
  },
  'by-location.workflow.json': async (t) => {
    const countries = ['DE', 'US', 'JP', 'FR', 'CA', 'GB'].map((country) => ({ country }));
    expect(await managersFor(t, countries)).toEqual([
      'ada@example.com',
      'cy@example.com',
      'ed@example.com',
      'bo@example.com',
      'di@example.com',
      'fay@example.com',
    ]);
  },
  'deal-value.workflow.json': async (t) => {
    const big = await routed(t, { dealValue: 60000 });
    const small = await routed(t, { dealValue: 100 });
    expect(await lead(t, big.id)).toMatchObject({ fields: { manager: 'ada@example.com' }, tags: [] });
    expect(await lead(t, small.id)).toMatchObject({
      fields: { manager: 'bo@example.com' },
      tags: ['nurture'],
    });
    expect(await managersFor(t, [{ dealValue: 70000 }, { dealValue: 5 }])).toEqual([
      'cy@example.com',
      'di@example.com',
    ]);
  },
  'industry-medicine.workflow.json': async (t) => {
    const industries = ['Medicine', 'Finance', 'Medicine', 'Retail', 'Medicine'].map((industry) => ({
      industry,
    }));
    expect(await managersFor(t, industries)).toEqual([
      'ada@example.com',
      'cy@example.com',
      'bo@example.com',
      'di@example.com',
      'ada@example.com',
    ]);
  },
  'product-interest.workflow.json': async (t) => {
    const products = ['Email Marketing', 'CRM', 'Other', 'CRM', 'Email Marketing'].map((product) => ({
      product,
    }));
    expect(await managersFor(t, products)).toEqual([
      'bo@example.com',
      'ada@example.com',
      null,
      'cy@example.com',
      'di@example.com',
    ]);
  },
  'hot-tag.workflow.json': async (t) => {
    const a = await routed(t, { name: 'A', status: 'New' });
    const b = await routed(t, { name: 'B', status: 'New' });
    expect((await lead(t, a.id)).fields.manager).toBeNull();
    await t.http.post(`/api/leads/${a.id}/tags`).send({ tag: 'hot' }).expect(200);
    // Leads are routed in parallel (several workers): A's turn is defined only once A is routed.
    await t.settle();
    await t.http.post(`/api/leads/${b.id}/tags`).send({ tag: 'warm' }).expect(200);
    await t.http.post(`/api/leads/${b.id}/tags`).send({ tag: 'hot' }).expect(200);
    expect((await lead(t, a.id)).fields).toMatchObject({ manager: 'ada@example.com', status: 'Priority' });
    expect((await lead(t, b.id)).fields).toMatchObject({ manager: 'cy@example.com', status: 'Priority' });
  },
  'lead-score.workflow.json': async (t) => {
    const ids = await Promise.all([90, 50, 10].map(async () => (await routed(t, { name: 'x' })).id));
    for (const [i, score] of [90, 50, 10].entries())
      await t.http.patch(`/api/leads/${ids[i]}`).send({ fields: { score } }).expect(200);
    expect(await lead(t, ids[0])).toMatchObject({ fields: { manager: 'ada@example.com' }, tags: [] });
    expect(await lead(t, ids[1])).toMatchObject({ fields: { manager: 'bo@example.com' }, tags: [] });
    expect(await lead(t, ids[2])).toMatchObject({ fields: { manager: null }, tags: ['nurture'] });
  },
  'reassign-untouched.workflow.json': async (t) => {
    const untouched = await routed(t, { name: 'Sleepy', status: 'New' });
    const handled = await routed(t, { name: 'Busy', status: 'New' });
    expect((await lead(t, untouched.id)).fields.manager).toBe('bo@example.com');
    expect((await lead(t, handled.id)).fields.manager).toBe('di@example.com');
    await t.http
      .patch(`/api/leads/${handled.id}`)
      .send({ fields: { status: 'Contacted' } })
      .expect(200);
    await t.makeWaitsDue();
    expect(await lead(t, untouched.id)).toMatchObject({
      fields: { manager: 'ada@example.com' },
      tags: ['reassigned'],
    });
    expect(await lead(t, handled.id)).toMatchObject({ fields: { manager: 'di@example.com' }, tags: [] });
  },
  'reassign-someone-else.workflow.json': async (t) => {
    const a = await routed(t, { name: 'A', status: 'New' });
    expect((await lead(t, a.id)).fields.manager).toBe('bo@example.com');
    await t.makeWaitsDue();
    // The pool's rotation would give Bo first, but Bo let it sit: the next one takes it.
    expect(await lead(t, a.id)).toMatchObject({
      fields: { manager: 'di@example.com' },
      tags: ['reassigned'],
    });
  },
  'weighted.workflow.json': async (t) => {
    expect(await managersFor(t, [{}, {}, {}, {}, {}])).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
      'ada@example.com',
      'bo@example.com',
    ]);
  },
  'account-owner.workflow.json': async (t) => {
    const companies = ['Acme', 'Beta', ' ACME ', 'Gamma', 'beta'].map((company) => ({ company }));
    expect(await managersFor(t, companies)).toEqual([
      'ada@example.com',
      'bo@example.com',
      'ada@example.com',
      'cy@example.com',
      'bo@example.com',
    ]);
  },
  'industry-match.workflow.json': async (t) => {
    const industries = ['Medicine', 'Finance', 'Medicine', 'Space'].map((industry) => ({ industry }));
    // Bo was skipped for the Finance lead and keeps his turn: the next Medicine lead is his.
    expect(await managersFor(t, industries)).toEqual([
      'ada@example.com',
      'cy@example.com',
      'bo@example.com',
      'ada@example.com',
    ]);
  },
  'availability.workflow.json': async (t) => {
    expect(await managersFor(t, [{}, {}, {}, {}, {}, {}, {}])).toEqual([
      'ada@example.com',
      'bo@example.com',
      'cy@example.com',
      'di@example.com',
      'ed@example.com',
      'fay@example.com',
      'ada@example.com',
    ]);
    for (const m of (await t.http.get('/api/managers')).body)
      await t.http.patch(`/api/managers/${m.id}`).send({ available: false }).expect(200);
    const nobody = await routed(t, { name: 'Nobody in' });
    expect(await lead(t, nobody.id)).toMatchObject({ fields: { manager: null }, tags: ['unassigned'] });
  },
  'use-case.workflow.json': async (t) => {
    const byTags = [['migration'], ['onboarding'], [], ['migration'], ['onboarding', 'migration']];
    const ids = [];
    for (const tags of byTags) ids.push((await routed(t, { name: 'x' }, tags)).id);
    const managers = [];
    for (const id of ids) managers.push((await lead(t, id)).fields.manager);
    expect(managers).toEqual([
      'cy@example.com',
      'fay@example.com',
      'ada@example.com',
      'ed@example.com',
      'cy@example.com',
    ]);
  },
  'custom-rule.workflow.json': async (t) => {
    const partnerDeal = await routed(t, { source: 'Partner', country: 'DE', dealValue: 25000 });
    const webDeal = await routed(t, { source: 'Web', country: 'DE', dealValue: 25000 });
    const hotScore = await routed(t, { score: 95 });
    const usPartner = await routed(t, { source: 'Partner', country: 'US', dealValue: 50000 });
    expect(await lead(t, partnerDeal.id)).toMatchObject({
      fields: { manager: 'ada@example.com' },
      tags: ['enterprise'],
    });
    expect(await lead(t, webDeal.id)).toMatchObject({ fields: { manager: 'bo@example.com' }, tags: [] });
    expect(await lead(t, hotScore.id)).toMatchObject({
      fields: { manager: 'cy@example.com' },
      tags: ['enterprise'],
    });
    expect(await lead(t, usPartner.id)).toMatchObject({ fields: { manager: 'di@example.com' }, tags: [] });
  },
  'ab-split.workflow.json': async (t) => {
    const created = await Promise.all(Array.from({ length: 20 }, () => routed(t, { status: 'New' })));
    await t.settle();
    const branches = new Set<string>();
    for (const { id } of created) {
      expect((await lead(t, id)).fields.manager).toMatch(/@example\.com$/);
      const [run] = await t.runs({ leadId: id });
      const split = run.steps.find((s) => s.nodeId === 'test')!;
      branches.add(split.outcome);
      expect(run.steps[2].nodeId).toBe(split.outcome === 'A' ? 'rotation' : 'least-loaded');
    }
    expect([...branches].sort()).toEqual(['A', 'B']);
  },
};

describe.each(TARGETS)('the repository examples, imported and routing sample leads (%s)', (target) => {
  const files = readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.workflow.json'))
    .sort();

  it('has a scenario for every example file', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(files);
  });

  it.each(files)(
    '%s',
    async (name) => {
      const t = await startTarget(target);
      try {
        for (const manager of JSON.parse(readFileSync(join(EXAMPLES_DIR, 'managers.json'), 'utf8'))) {
          await t.http.post('/api/managers').send(manager).expect(201);
        }
        await t.createWorkflow(file(name));
        await SCENARIOS[name](t);
        const runs = await t.runs({ limit: 1000 });
        expect(runs.length).toBeGreaterThan(0);
        for (const run of runs) expect(['completed', 'waiting']).toContain(run.status);
      } finally {
        await t.stop();
      }
    },
    TARGET_TIMEOUT_MS,
  );
});
