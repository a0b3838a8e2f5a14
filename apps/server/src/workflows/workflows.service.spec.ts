import { fakeServer, NOW, refusal, storeManager, storeRun, type FakeServer } from '../../test/fakes';
import { roundRobin } from '../../test/workflow-files';
import { WorkflowsService } from './workflows.service';

const HOUR = 60 * 60 * 1000;

/** A round robin whose trigger is not connected: saved as a draft, it cannot run. */
const unconnected = (name = 'Draft') => ({ ...roundRobin(['ada@example.com'], name), edges: [] });

describe('WorkflowsService', () => {
  let s: FakeServer;
  let workflows: WorkflowsService;
  beforeEach(async () => {
    s = await fakeServer();
    workflows = new WorkflowsService(s.workflows, s.runs, s.rotations, s.config, s.clock);
    storeManager(s.db, 'ada@example.com');
    storeManager(s.db, 'bo@example.com');
  });

  const activeIds = () => [...s.db.tables.workflows.values()].filter((w) => w.active).map((w) => w.id);
  /** Whether this process's pipeline would start a run of `id` for a new lead. */
  const runsOnNewLeads = (id: string) =>
    s.config.workflows.match({ type: 'lead.created' }).some((w) => w.id === id);
  const waitingRun = (workflowId: string) =>
    storeRun(s.db, { workflowId, status: 'waiting', finishedAt: null, wakeAt: NOW + HOUR });

  it('stores a new workflow as inactive version 1, with managers another process added', async () => {
    const created = await workflows.create(roundRobin(['ada@example.com', 'bo@example.com'], 'Inbound'));
    expect(created).toMatchObject({
      name: 'Inbound',
      active: false,
      version: 1,
      problems: [],
      createdAt: new Date(NOW).toISOString(),
    });
    expect(created.definition.format).toBe('leadflow.workflow/v1');
  });

  it('refuses a file with problems whole (400, each with its path) and stores nothing', async () => {
    const refused = await refusal(workflows.create(roundRobin(['ada@example.com', 'ghost@example.com'])));
    expect(refused.statusCode).toBe(400);
    expect(refused.message).toBe('The workflow file has 1 problem; nothing was saved');
    expect(refused.issues![0].path).toMatch(/^nodes\[1\]\.data\.values/);
    expect(refused.issues![0].message).toContain('ghost@example.com');
    expect(s.db.tables.workflows.size).toBe(0);
  });

  it('saves a draft that cannot run yet, and lists what blocks its activation', async () => {
    const draft = await workflows.create(unconnected());
    expect(draft).toMatchObject({ version: 1, active: false });
    expect(draft.problems).toEqual([expect.objectContaining({ nodeId: 'assign' })]);
  });

  it('saves each change as a new version and refuses a stale If-Match (409)', async () => {
    const { id } = await workflows.create(roundRobin(['ada@example.com'], 'v1'));
    s.time.now = NOW + HOUR;
    const v2 = await workflows.save(id, roundRobin(['bo@example.com'], 'v2'), '1');
    expect(v2).toMatchObject({ version: 2, name: 'v2', updatedAt: new Date(NOW + HOUR).toISOString() });
    const stale = await refusal(workflows.save(id, roundRobin(['ada@example.com'], 'stale'), '"1"'));
    expect(stale.statusCode).toBe(409);
    expect(stale.message).toContain('Version 2');
    // A weak tag of the current version, `*` and no If-Match all save.
    expect((await workflows.save(id, roundRobin(['ada@example.com'], 'v3'), 'W/"2"')).version).toBe(3);
    expect((await workflows.save(id, roundRobin(['ada@example.com'], 'v4'), '*')).version).toBe(4);
    expect((await workflows.save(id, roundRobin(['ada@example.com'], 'v5'))).version).toBe(5);
    expect((await workflows.get(id)).definition.name).toBe('v5');
  });

  it('refuses to save an active workflow into a state that cannot run (422), and runs a new runnable version', async () => {
    const { id } = await workflows.create(roundRobin(['ada@example.com'], 'Live'));
    await workflows.activate(id);
    const refused = await refusal(workflows.save(id, unconnected('Live')));
    expect(refused.statusCode).toBe(422);
    expect(refused.message).toBe('An active workflow can only be saved in a state that can run');
    expect((await workflows.get(id)).version).toBe(1);

    await workflows.save(id, roundRobin(['bo@example.com'], 'Live'));
    expect(s.config.workflows.match({ type: 'lead.created' })).toEqual([
      expect.objectContaining({ id, version: 2 }),
    ]);
  });

  it('refuses to activate a workflow with problems (422 listing them) and leaves it inactive', async () => {
    const { id } = await workflows.create(unconnected());
    const refused = await refusal(workflows.activate(id));
    expect(refused.statusCode).toBe(422);
    expect(refused.message).toMatch(/^The workflow cannot be activated: \d+ problems? to fix first$/);
    expect(refused.issues!.length).toBeGreaterThan(0);
    expect(activeIds()).toEqual([]);
    expect(runsOnNewLeads(id)).toBe(false);
  });

  it('activates a workflow at once for the pipeline, warning of active ones that write the same field', async () => {
    const first = await workflows.create(roundRobin(['ada@example.com'], 'First'));
    const alone = await workflows.activate(first.id);
    expect(alone).toMatchObject({ active: true, warnings: [] });
    expect(runsOnNewLeads(first.id)).toBe(true);

    const second = await workflows.create(roundRobin(['bo@example.com'], 'Second'));
    const { warnings } = await workflows.activate(second.id);
    expect(warnings).toEqual([
      { workflowId: first.id, name: 'First', field: 'manager', message: expect.stringContaining('First') },
    ]);
    expect(activeIds().sort()).toEqual([first.id, second.id].sort());
  });

  it('deactivates: no new runs, and the waiting runs of this workflow (only) end as skipped', async () => {
    const { id } = await workflows.create(roundRobin(['ada@example.com']));
    const other = await workflows.create(roundRobin(['bo@example.com'], 'Other'));
    await workflows.activate(id);
    const waiting = waitingRun(id);
    const done = storeRun(s.db, { workflowId: id });
    const othersWaiting = waitingRun(other.id);
    s.time.now = NOW + 5000;

    expect((await workflows.deactivate(id)).active).toBe(false);
    expect(runsOnNewLeads(id)).toBe(false);
    expect(s.db.tables.runs.get(waiting.id)).toMatchObject({
      status: 'skipped',
      reason: 'the workflow was deactivated',
      finishedAt: NOW + 5000,
      wakeAt: null,
    });
    expect(s.db.tables.runs.get(done.id)).toEqual(done);
    expect(s.db.tables.runs.get(othersWaiting.id)!.status).toBe('waiting');
  });

  it('deletes: skips its waiting runs, forgets its rotations and compiled versions, and then answers 404', async () => {
    const { id } = await workflows.create(roundRobin(['ada@example.com']));
    const other = await workflows.create(roundRobin(['bo@example.com'], 'Other'));
    await workflows.activate(id);
    const waiting = waitingRun(id);
    s.db.tables.rotations.set(`${id}/assign`, { strategy: 'roundRobin' });
    s.db.tables.rotations.set(`${other.id}/assign`, { strategy: 'roundRobin' });

    await workflows.remove(id);
    expect(s.db.tables.runs.get(waiting.id)).toMatchObject({
      status: 'skipped',
      reason: 'the workflow was deleted',
    });
    expect([...s.db.tables.rotations.keys()]).toEqual([`${other.id}/assign`]);
    expect(s.config.workflows.version(id, 1)).toBeUndefined();
    expect(runsOnNewLeads(id)).toBe(false);
    expect(await refusal(workflows.get(id))).toMatchObject({ statusCode: 404 });
  });

  it('answers 404 for an unknown workflow on every route that names one', async () => {
    const file = roundRobin(['ada@example.com']);
    for (const work of [
      workflows.get('nope'),
      workflows.save('nope', file),
      workflows.activate('nope'),
      workflows.deactivate('nope'),
      workflows.remove('nope'),
      workflows.export('nope'),
    ])
      expect(await refusal(work)).toMatchObject({
        statusCode: 404,
        message: 'Workflow "nope" does not exist',
      });
  });

  it('lists each workflow with when it last ran and how many runs it started since midnight UTC', async () => {
    const { id } = await workflows.create(roundRobin(['ada@example.com'], 'Busy'));
    const idle = await workflows.create(roundRobin(['ada@example.com'], 'Idle'));
    storeRun(s.db, { workflowId: id, startedAt: NOW - 10 * HOUR }); // yesterday, 23:00
    storeRun(s.db, { workflowId: id, startedAt: NOW - 2 * HOUR });
    storeRun(s.db, { workflowId: id, startedAt: NOW - HOUR });
    expect(await workflows.list()).toEqual([
      expect.objectContaining({ id, lastRunAt: new Date(NOW - HOUR).toISOString(), runsToday: 2 }),
      expect.objectContaining({ id: idle.id, name: 'Idle', lastRunAt: null, runsToday: 0 }),
    ]);
  });

  it('exports the current version under the workflow’s name', async () => {
    const { id } = await workflows.create(roundRobin(['ada@example.com'], 'Inbound'));
    const { file, filename } = await workflows.export(id);
    expect(filename).toBe('Inbound.workflow.json');
    expect(file).toEqual((await workflows.get(id)).definition);
  });
});
