import type { WorkflowFile } from '@leadflow/workflow';
import { newId } from '../../src/common/ids';
import { WorkflowRepository } from '../../src/workflows/workflow.repository';
import { DATABASES } from '../harness';
import { count, openFixture, T0, workflowOn, type Fixture } from './fixture';

describe.each(DATABASES)('WorkflowRepository on %s', (database) => {
  let f: Fixture;
  let workflows: WorkflowRepository;

  beforeAll(async () => {
    f = await openFixture(database);
    workflows = f.get(WorkflowRepository);
  });
  afterAll(() => f?.close());

  /** Stores a new inactive workflow as version 1; returns its id. */
  async function insert(definition: WorkflowFile, at = T0): Promise<string> {
    const id = newId();
    await f.cache.write((tx) => workflows.insert(tx, { id, name: definition.name, definition, at }));
    return id;
  }

  /** A workflow whose node sets `field` and whose filter reads `lead.<readField>`. */
  function usingFields(name: string, field: string, readField: string): WorkflowFile {
    return {
      format: 'leadflow.workflow/v1',
      name,
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        { id: 'check', type: 'filter', data: { condition: { '>': [{ var: `lead.${readField}` }, 10] } } },
        { id: 'set', type: 'updateField', data: { field, operation: 'set', value: 'x' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'check' },
        { id: 'e2', source: 'check', target: 'set', sourceHandle: 'pass' },
      ],
    } as WorkflowFile;
  }

  it('stores a new workflow inactive, as version 1 of its definition', async () => {
    const definition = workflowOn('lead.created', 'Fresh');
    const id = await insert(definition, T0 + 7);
    const row = (await workflows.find(id))!;
    expect({
      ...row,
      active: Boolean(row.active),
      created_at: Number(row.created_at),
      updated_at: Number(row.updated_at),
    }).toEqual({
      id,
      name: 'Fresh',
      active: false,
      version: 1,
      created_at: T0 + 7,
      updated_at: T0 + 7,
    });
    expect(await workflows.definition(id, 1)).toEqual(definition);
    expect(await workflows.currentDefinition(id)).toEqual(definition);
    expect(await workflows.find(newId())).toBeUndefined();
    expect(await workflows.currentDefinition(newId())).toBeUndefined();
  });

  it('saves a version as the current one and keeps the earlier ones', async () => {
    const v1 = workflowOn('lead.created', 'Versioned');
    const v2 = workflowOn('lead.tagAdded', 'Versioned, renamed');
    const id = await insert(v1);
    await f.cache.write(async (tx) => {
      const row = await workflows.find(id, tx);
      await workflows.saveVersion(tx, {
        id,
        name: v2.name,
        version: row!.version + 1,
        definition: v2,
        at: T0 + 60,
      });
    });
    const row = (await workflows.find(id))!;
    expect([row.name, row.version, Number(row.updated_at), Number(row.created_at)]).toEqual([
      v2.name,
      2,
      T0 + 60,
      T0,
    ]);
    expect(await workflows.definition(id, 1)).toEqual(v1);
    expect(await f.cache.write((tx) => workflows.definition(id, 2, tx))).toEqual(v2);
    expect(await workflows.currentDefinition(id)).toEqual(v2);
  });

  it('makes concurrent writes of one workflow take turns: the second reads what the first committed', async () => {
    const id = await insert(workflowOn('lead.created', 'Contended'));
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = f.cache.write(async (tx) => {
      const row = (await workflows.find(id, tx))!;
      order.push(`first read v${row.version}`);
      await gate;
      await workflows.saveVersion(tx, {
        id,
        name: 'Contended',
        version: row.version + 1,
        definition: workflowOn('lead.created', 'Contended'),
        at: T0,
      });
    });
    while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = f.cache.write(async (tx) => {
      const row = (await workflows.find(id, tx))!;
      order.push(`second read v${row.version}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push('first released');
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first read v1', 'first released', 'second read v2']);
  });

  it('lists the other active workflows with their current definitions, in creation order', async () => {
    const before = await f.cache.write((tx) => workflows.otherActive(tx, newId()));
    const a = await f.addWorkflow(workflowOn('lead.created', 'Active A'));
    const b = await f.addWorkflow(workflowOn('lead.created', 'Active B'));
    await f.addWorkflow(workflowOn('lead.created', 'Inactive C'), false);
    const d = await f.addWorkflow(workflowOn('lead.tagAdded', 'Active D'));
    const others = await f.cache.write((tx) => workflows.otherActive(tx, b));
    expect(others.slice(before.length)).toEqual([
      { id: a, name: 'Active A', definition: workflowOn('lead.created', 'Active A') },
      { id: d, name: 'Active D', definition: workflowOn('lead.tagAdded', 'Active D') },
    ]);
    await f.cache.write((tx) => workflows.setActive(tx, d, false, T0));
    expect((await f.cache.write((tx) => workflows.otherActive(tx, b))).map((w) => w.id)).not.toContain(d);
    expect(Boolean((await workflows.find(d))!.active)).toBe(false);
  });

  it('removes a workflow with all its versions', async () => {
    const id = await insert(workflowOn('lead.created', 'Doomed'));
    await f.cache.write((tx) =>
      workflows.saveVersion(tx, {
        id,
        name: 'Doomed',
        version: 2,
        definition: workflowOn('lead.created', 'Doomed'),
        at: T0,
      }),
    );
    const kept = await insert(workflowOn('lead.created', 'Kept'));
    await f.cache.write((tx) => workflows.remove(tx, id));
    expect(await workflows.find(id)).toBeUndefined();
    expect(await workflows.currentDefinition(id)).toBeUndefined();
    expect(
      count(await f.sql.query('SELECT count(*) AS n FROM workflow_versions WHERE workflow_id = ?', [id])),
    ).toBe(0);
    expect(await workflows.find(kept)).toBeDefined();
  });

  it('finds the workflows whose current version names a manager, without regard to case', async () => {
    const names = await insert(
      workflowOn('lead.created', 'Names Ada', ['Ada.Naming@Example.com', 'bo@example.com']),
    );
    // Only in the name, and only in an earlier version: neither names the manager.
    await insert(workflowOn('lead.created', 'For ada.naming@example.com', ['bo@example.com']));
    const earlier = await insert(workflowOn('lead.created', 'Earlier', ['ada.naming@example.com']));
    await f.cache.write((tx) =>
      workflows.saveVersion(tx, {
        id: earlier,
        name: 'Earlier',
        version: 2,
        definition: workflowOn('lead.created', 'Earlier', ['bo@example.com']),
        at: T0,
      }),
    );
    expect(await workflows.naming('ADA.naming@example.COM')).toEqual([{ id: names, name: 'Names Ada' }]);
    expect(await f.cache.write((tx) => workflows.naming('ada.naming@example.com', tx))).toEqual([
      { id: names, name: 'Names Ada' },
    ]);
    expect(await workflows.naming('nobody.naming@example.com')).toEqual([]);
  });

  it('names the workflows any version of which uses a field, sorted and once each', async () => {
    await insert(usingFields('Zeta sets', 'budget_x', 'score'));
    await insert(usingFields('Alpha reads', 'status', 'budget_x'));
    const renamed = await insert(usingFields('Beta once', 'budget_x', 'score'));
    await f.cache.write((tx) =>
      workflows.saveVersion(tx, {
        id: renamed,
        name: 'Beta once',
        version: 2,
        definition: usingFields('Beta once', 'status', 'score'),
        at: T0,
      }),
    );
    await insert(usingFields('Neither', 'budget_xy', 'budget_x_total'));
    expect(await f.cache.write((tx) => workflows.namesUsingField('budget_x', tx))).toEqual([
      'Alpha reads',
      'Beta once',
      'Zeta sets',
    ]);
    expect(await f.cache.write((tx) => workflows.namesUsingField('unused_field', tx))).toEqual([]);
  });

  it('lists every workflow in creation order with its last run and its runs since a time', async () => {
    const idle = await insert(workflowOn('lead.created', 'Idle'), T0 + 1_000_001);
    const busy = await insert(workflowOn('lead.created', 'Busy'), T0 + 1_000_000);
    const since = T0 + 5_000_000;
    for (const startedAt of [since - 10, since, since + 20, since + 30])
      await f.sql.query(
        `INSERT INTO runs (id, workflow_id, workflow_version, lead_id, event_id, event, depth, status, steps, started_at)
         VALUES (?, ?, 1, ?, 1, '{}', 0, 'completed', '[]', ?)`,
        [newId(), busy, newId(), startedAt],
      );
    const rows = (await workflows.listWithRuns(since)).filter((w) => w.id === idle || w.id === busy);
    expect(
      rows.map((w) => [w.name, w.last_run === null ? null : Number(w.last_run), Number(w.runs_today)]),
    ).toEqual([
      ['Busy', since + 30, 3],
      ['Idle', null, 0],
    ]);
    const all = await workflows.listWithRuns(since);
    const created = all.map((w) => Number(w.created_at));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('answers every current definition in creation order', async () => {
    const all = await workflows.currentDefinitions();
    const listed = await workflows.listWithRuns(0);
    expect(all.map((w) => w.id)).toEqual(listed.map((w) => w.id));
    for (const w of all.slice(0, 3)) expect(w.definition).toEqual(await workflows.currentDefinition(w.id));
  });
});
