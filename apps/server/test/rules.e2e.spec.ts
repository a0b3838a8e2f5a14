import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTarget, TARGET_TIMEOUT_MS, TARGETS } from './cluster';
import { EXAMPLES_DIR, roundRobin, type Target } from './harness';

const A = 'ada@example.com';
const B = 'bo@example.com';
const C = 'cy@example.com';
const E = 'ed@example.com';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A workflow on `trigger` whose one action node is `action`. */
function workflow(
  name: string,
  trigger: Record<string, unknown>,
  ...actions: Array<Record<string, unknown>>
) {
  const nodes = [
    { id: 'start', type: 'trigger', data: trigger },
    ...actions.map((data, i) => ({ id: `n${i}`, ...data })),
  ];
  return {
    format: 'leadflow.workflow/v1',
    name,
    nodes,
    edges: nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i].id, target: node.id })),
  };
}
const assignAll = (values: string[]) => ({
  type: 'updateField',
  data: { field: 'manager', operation: 'replaceWithOneOf', values },
});

/** What the admin draws is what runs (issue 11): the rules of routing, tags, status and activation. */
describe.each(TARGETS)('routing and lead rules (%s)', (target) => {
  let t: Target;
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    t = await startTarget(target);
    for (const email of [A, B, C, E]) ids[email] = (await t.createManager(email)).id;
  }, TARGET_TIMEOUT_MS);
  afterEach(() => t.stop(), TARGET_TIMEOUT_MS);

  async function routeOneByOne(count: number): Promise<unknown[]> {
    const managers: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const lead = await t.createLead({ name: `Lead ${i}` });
      await t.settle();
      managers.push((await t.http.get(`/api/leads/${lead.id}`)).body.fields.manager);
    }
    return managers;
  }

  describe('rotation', () => {
    it('never reports an inactive (retired) rep as next', async () => {
      const w = await t.createWorkflow(roundRobin([A, B, C]));
      expect(await routeOneByOne(1)).toEqual([A]);
      const rotation = () => t.http.get(`/api/workflows/${w.id}/nodes/assign/rotation`).expect(200);
      expect((await rotation()).body.next).toBe(B);
      await t.http.patch(`/api/managers/${ids[B]}`).send({ active: false }).expect(200);
      expect((await rotation()).body.next).toBe(C);
      await t.http.patch(`/api/managers/${ids[C]}`).send({ active: false }).expect(200);
      expect((await rotation()).body.next).toBe(A);
      await t.http.patch(`/api/managers/${ids[A]}`).send({ active: false }).expect(200);
      expect((await rotation()).body.next).toBeNull();
    });

    it('owes a rep made active again no turn: they take their place in list order', async () => {
      await t.createWorkflow(roundRobin([A, B, C]));
      expect(await routeOneByOne(1)).toEqual([A]);
      await t.http.patch(`/api/managers/${ids[B]}`).send({ active: false }).expect(200);
      expect(await routeOneByOne(3)).toEqual([C, A, C]);
      await t.http.patch(`/api/managers/${ids[B]}`).send({ active: true }).expect(200);
      // Cy was given last: Ada is next, then Bo in his place; no catch-up turn for Bo first.
      expect(await routeOneByOne(4)).toEqual([A, B, C, A]);
    });
  });

  describe('working hours', () => {
    it('accepts a range across midnight and refuses one that starts and ends at the same time', async () => {
      const night = { timezone: 'Europe/Berlin', days: { sat: ['22:00-02:00'] } };
      const created = await t.http
        .post('/api/managers')
        .send({ name: 'Nia', email: 'nia@example.com', workingHours: night })
        .expect(201);
      expect(created.body.workingHours).toEqual(night);
      await t.http
        .patch(`/api/managers/${created.body.id}`)
        .send({ workingHours: { timezone: 'UTC', days: { fri: ['23:00-01:30'] } } })
        .expect(200);
      const empty = await t.http
        .patch(`/api/managers/${created.body.id}`)
        .send({ workingHours: { timezone: 'UTC', days: { mon: ['10:00-10:00'] } } })
        .expect(400);
      expect(empty.body.issues).toEqual([
        {
          code: 'invalid_value',
          path: 'workingHours.days.mon[0]',
          message: 'must not start and end at the same time',
        },
      ]);
    });

    it('routes a lead to a rep whose night shift, begun the day before, runs now', async () => {
      // Now in UTC: a shift that began yesterday and runs past midnight into today covers it, or,
      // late in the evening, one that began today and runs into tomorrow.
      const now = new Date();
      const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
      const today = now.getUTCDay();
      const covering =
        minutes < 23 * 60
          ? { [DAYS[(today + 6) % 7]]: [`23:50-${hhmm(minutes + 30)}`] }
          : { [DAYS[today]]: [`${hhmm(minutes - 30)}-00:30`] };
      // Cy's night shift is two days off: it never covers now.
      await t.http
        .patch(`/api/managers/${ids[C]}`)
        .send({ workingHours: { timezone: 'UTC', days: { [DAYS[(today + 2) % 7]]: ['22:00-02:00'] } } })
        .expect(200);
      await t.http
        .patch(`/api/managers/${ids[A]}`)
        .send({ workingHours: { timezone: 'UTC', days: covering } })
        .expect(200);
      await t.createWorkflow(roundRobin([C, A]));
      expect(await routeOneByOne(2)).toEqual([A, A]);
      const [run] = await t.runs({ limit: 1 });
      expect(run.steps[1].detail).toMatchObject({
        given: A,
        skipped: [{ value: C, reason: 'outsideWorkingHours' }],
      });
    });
  });

  describe('tags compare without regard to case', () => {
    it('keeps the first spelling on create, adds no second spelling, and removes in any spelling', async () => {
      const lead = await t.createLead({ name: 'Acme' }, ['hot', 'Hot', 'b2b', 'HOT', 'B2B']);
      expect(lead.tags).toEqual(['hot', 'b2b']);
      const added = await t.http.post(`/api/leads/${lead.id}/tags`).send({ tag: 'HOT' }).expect(200);
      expect(added.body.tags).toEqual(['hot', 'b2b']);
      const removed = await t.http.delete(`/api/leads/${lead.id}/tags/B2b`).expect(200);
      expect(removed.body.tags).toEqual(['hot']);
      expect((await t.http.get(`/api/leads/${lead.id}`).expect(200)).body.tags).toEqual(['hot']);
    });

    it('fires a "hot" trigger for HOT, not again for Hot, and workflow actions and conditions are case-blind', async () => {
      const w = await t.createWorkflow(
        workflow(
          'Hot leads',
          { event: 'lead.tagAdded', tag: 'hot' },
          { type: 'filter', data: { condition: { in: ['hot', { var: 'lead.tags' }] } } },
          { type: 'addTag', data: { tag: 'vip' } },
          { type: 'removeTag', data: { tag: 'COLD' } },
        ),
      );
      const lead = await t.createLead({ name: 'Acme' }, ['VIP', 'Cold']);
      await t.settle();
      await t.http.post(`/api/leads/${lead.id}/tags`).send({ tag: 'HOT' }).expect(200);
      await t.settle();
      await t.http.post(`/api/leads/${lead.id}/tags`).send({ tag: 'Hot' }).expect(200);
      await t.settle();
      const runs = await t.runs({ workflowId: w.id });
      expect(runs).toHaveLength(1);
      expect(runs[0].event).toMatchObject({ type: 'lead.tagAdded', tag: 'HOT' });
      expect(runs[0].steps.map((step) => `${step.nodeId}:${step.outcome}`)).toEqual([
        'start:matched',
        'n0:pass',
        'n1:unchanged',
        'n2:changed',
      ]);
      expect((await t.http.get(`/api/leads/${lead.id}`).expect(200)).body.tags).toEqual(['VIP', 'HOT']);
    });
  });

  describe('status', () => {
    it('gives a lead created without a status "New", and keeps a given one', async () => {
      expect((await t.createLead({ name: 'Acme' })).fields.status).toBe('New');
      expect((await t.createLead({ name: 'Acme', status: null })).fields.status).toBe('New');
      expect((await t.createLead({ name: 'Acme', status: 'Qualified' })).fields.status).toBe('Qualified');
    });

    it('lets the "reassign untouched" recipe reassign a lead created as the docs create it (no status)', async () => {
      for (const email of ['di@example.com', 'fay@example.com']) await t.createManager(email);
      await t.createWorkflow(
        JSON.parse(readFileSync(join(EXAMPLES_DIR, 'reassign-untouched.workflow.json'), 'utf8')),
      );
      const lead = await t.createLead(
        { name: 'Acme', company: 'Acme Corp', country: 'DE', dealValue: 12000 },
        ['web'],
      );
      await t.settle();
      const first = (await t.http.get(`/api/leads/${lead.id}`).expect(200)).body;
      expect(first.fields.manager).not.toBeNull();
      await t.makeWaitsDue();
      const later = (await t.http.get(`/api/leads/${lead.id}`).expect(200)).body;
      expect(later.tags).toEqual(['web', 'reassigned']);
      expect(later.fields.manager).not.toBe(first.fields.manager);
    });
  });

  describe('activation warnings', () => {
    it('names every active workflow whose trigger overlaps and that writes the same field', async () => {
      const activate = async (file: object) => {
        const created = await t.createWorkflow(file, false);
        const res = await t.http.post(`/api/workflows/${created.id}/activate`).expect(200);
        expect(res.body.active).toBe(true);
        return { id: created.id as string, warnings: res.body.warnings as Array<Record<string, unknown>> };
      };
      const ed = await activate(roundRobin([E], 'Route to Ed'));
      expect(ed.warnings).toEqual([]);
      // Another field on the same trigger, and the same field on other triggers: no overlap.
      expect(
        (
          await activate(
            workflow(
              'Qualify',
              { event: 'lead.created' },
              { type: 'updateField', data: { field: 'status', operation: 'set', value: 'Open' } },
            ),
          )
        ).warnings,
      ).toEqual([]);
      expect(
        (await activate(workflow('Hot to Ada', { event: 'lead.tagAdded', tag: 'hot' }, assignAll([A]))))
          .warnings,
      ).toEqual([]);
      expect(
        (await activate(workflow('Cold to Bo', { event: 'lead.tagAdded', tag: 'cold' }, assignAll([B]))))
          .warnings,
      ).toEqual([]);

      const ada = await activate(roundRobin([A], 'Route to Ada'));
      expect(ada.warnings).toEqual([
        {
          workflowId: ed.id,
          name: 'Route to Ed',
          field: 'manager',
          message: expect.stringContaining('"Route to Ed"'),
        },
      ]);
      expect(ada.warnings[0].message).toContain(ed.id);
      // Both still run: the warning does not block. A lead gets whichever runs last.
      const hot = await activate(
        workflow('Hot to Cy', { event: 'lead.tagAdded', tag: 'HOT' }, assignAll([C])),
      );
      expect(hot.warnings.map((w) => w.name)).toEqual(['Hot to Ada']);
      // Other responses carry no warnings.
      expect((await t.http.get(`/api/workflows/${ada.id}`).expect(200)).body.warnings).toBeUndefined();
    });
  });
});
