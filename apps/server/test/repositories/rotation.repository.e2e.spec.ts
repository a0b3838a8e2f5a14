import { newId } from '../../src/common/ids';
import { RotationRepository } from '../../src/rotations/rotation.repository';
import { DATABASES } from '../harness';
import { count, openFixture, T0, type Fixture } from './fixture';

describe.each(DATABASES)('RotationRepository on %s', (database) => {
  let f: Fixture;
  let rotations: RotationRepository;

  beforeAll(async () => {
    f = await openFixture(database);
    rotations = f.get(RotationRepository);
  });
  afterAll(() => f?.close());

  /** A node's state row, as the pipeline stores it. */
  const saveState = (workflowId: string, nodeId: string, state: object) =>
    f.sql.query('INSERT INTO rotations (workflow_id, node_id, state, updated_at) VALUES (?, ?, ?, ?)', [
      workflowId,
      nodeId,
      JSON.stringify(state),
      T0,
    ]);
  /** An assignment log row, as the pipeline stores it. */
  const logAssignment = (workflowId: string, nodeId: string, value: string, leadId: string, at: number) =>
    f.sql.query(
      'INSERT INTO assignments (workflow_id, node_id, value, run_id, lead_id, at) VALUES (?, ?, ?, ?, ?, ?)',
      [workflowId, nodeId, value, newId(), leadId, at],
    );
  /** A lead row with only a status. */
  const insertLead = async (status: string | null) => {
    const id = newId();
    await f.sql.query(
      `INSERT INTO leads (id, fields, manager_id, tags, open, status, company_key, email_domain, created_at, updated_at)
       VALUES (?, '{}', NULL, '[]', TRUE, ?, NULL, NULL, ?, ?)`,
      [id, status, T0, T0],
    );
    return id;
  };

  it('answers a node’s stored state, null before its first run', async () => {
    const wf = newId();
    expect(await rotations.get(wf, 'assign')).toBeNull();
    const state = { next: 2, owed: ['bo@example.com'], counts: { 'ada@example.com': 3 } };
    await saveState(wf, 'assign', state);
    expect(await rotations.get(wf, 'assign')).toEqual(state);
    expect(await rotations.get(wf, 'other')).toBeNull();
    expect(await rotations.get(newId(), 'assign')).toBeNull();
  });

  it('forgets every node’s state of one workflow, in a config write', async () => {
    const [gone, kept] = [newId(), newId()];
    await saveState(gone, 'a', { next: 1 });
    await saveState(gone, 'b', { next: 2 });
    await saveState(kept, 'a', { next: 3 });
    await f.cache.write((tx) => rotations.removeOf(gone, tx));
    expect(await rotations.get(gone, 'a')).toBeNull();
    expect(await rotations.get(gone, 'b')).toBeNull();
    expect(await rotations.get(kept, 'a')).toEqual({ next: 3 });
    expect(
      count(await f.sql.query('SELECT count(*) AS n FROM rotations WHERE workflow_id = ?', [gone])),
    ).toBe(0);
  });

  it('keeps the state when the config write fails', async () => {
    const wf = newId();
    await saveState(wf, 'a', { next: 1 });
    await expect(
      f.cache.write(async (tx) => {
        await rotations.removeOf(wf, tx);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await rotations.get(wf, 'a')).toEqual({ next: 1 });
  });

  it('counts the values a node gave: in all, since a time, and when last', async () => {
    const [wf, otherWf] = [newId(), newId()];
    const since = T0 + 1_000;
    const lead = newId();
    await logAssignment(wf, 'assign', 'ada@example.com', lead, since - 500);
    await logAssignment(wf, 'assign', 'ada@example.com', lead, since);
    await logAssignment(wf, 'assign', 'ada@example.com', lead, since + 20);
    await logAssignment(wf, 'assign', 'bo@example.com', lead, since - 1);
    // Another node, another workflow: not counted.
    await logAssignment(wf, 'other', 'ada@example.com', lead, since + 30);
    await logAssignment(otherWf, 'assign', 'cy@example.com', lead, since + 40);
    const given = await rotations.givenByValue(wf, 'assign', since);
    expect([...given].sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: 'ada@example.com', given: 3, recent: 2, last: since + 20 },
      { value: 'bo@example.com', given: 1, recent: 0, last: since - 1 },
    ]);
    expect(await rotations.givenByValue(wf, 'unused', 0)).toEqual([]);
  });

  it('counts per branch of a split the leads it took and the won ones among them', async () => {
    const wf = newId();
    const [won1, won2, open, lost, lowercaseWon] = [
      await insertLead('Won'),
      await insertLead('Won'),
      await insertLead('New'),
      await insertLead('Lost'),
      await insertLead('won'),
    ];
    await logAssignment(wf, 'split', 'a', won1, T0);
    // The same lead through the branch again (a later event) is one lead.
    await logAssignment(wf, 'split', 'a', won1, T0 + 1);
    await logAssignment(wf, 'split', 'a', open, T0);
    await logAssignment(wf, 'split', 'a', lowercaseWon, T0);
    await logAssignment(wf, 'split', 'b', won2, T0);
    await logAssignment(wf, 'split', 'b', lost, T0);
    await logAssignment(wf, 'other', 'b', won1, T0);
    const outcomes = await rotations.branchOutcomes(wf, 'split', 'Won');
    expect([...outcomes].sort((x, y) => x.branch.localeCompare(y.branch))).toEqual([
      { branch: 'a', leads: 3, won: 1 },
      { branch: 'b', leads: 2, won: 1 },
    ]);
    expect(await rotations.branchOutcomes(newId(), 'split', 'Won')).toEqual([]);
  });
});
