import { newId } from '../../src/common/ids';
import { RunRepository, type RunRecord, type RunStatus } from '../../src/runs/run.repository';
import { PgRunRepository } from '../../src/runs/run.repository.pg';
import { SqliteRunRepository } from '../../src/runs/run.repository.sqlite';
import { DATABASES } from '../harness';
import { openFixture, T0, type Fixture } from './fixture';

describe.each(DATABASES)('RunRepository on %s', (database) => {
  let f: Fixture;
  let runs: RunRepository;

  beforeAll(async () => {
    f = await openFixture(database);
    runs = f.get(RunRepository);
  });
  afterAll(() => f?.close());

  it('is the implementation of the database, as the module chose it', () => {
    expect(runs).toBeInstanceOf(database === 'postgres' ? PgRunRepository : SqliteRunRepository);
  });

  const insertEvent = (leadId: string, createdAt: number) => f.insertEvent(leadId, 'done', createdAt);

  /** A run row, as the pipeline stores it (ids made now, so in creation order). */
  async function insertRun(run: Partial<RunRecord> & Pick<RunRecord, 'workflowId' | 'leadId' | 'eventId'>) {
    const record: RunRecord = {
      id: newId(),
      workflowVersion: 1,
      event: { type: 'lead.created' },
      depth: 0,
      status: 'completed',
      reason: null,
      steps: [{ nodeId: 'start', outcome: 'passed' }] as RunRecord['steps'],
      startedAt: T0,
      finishedAt: T0 + 5,
      resume: null,
      wakeAt: null,
      ...run,
    };
    await f.sql.query(
      `INSERT INTO runs (id, workflow_id, workflow_version, lead_id, event_id, event, depth, status, reason, steps,
         started_at, finished_at, resume, wake_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.workflowId,
        record.workflowVersion,
        record.leadId,
        record.eventId,
        JSON.stringify(record.event),
        record.depth,
        record.status,
        record.reason,
        JSON.stringify(record.steps),
        record.startedAt,
        record.finishedAt,
        record.resume && JSON.stringify(record.resume),
        record.wakeAt,
      ],
    );
    return record;
  }

  it('gets a run with its event, steps and resume point as stored', async () => {
    const leadId = newId();
    const eventId = await insertEvent(leadId, T0);
    const run = await insertRun({
      workflowId: newId(),
      workflowVersion: 3,
      leadId,
      eventId,
      event: { type: 'lead.fieldUpdated', field: 'status', from: 'New', to: 'Open' },
      depth: 2,
      status: 'waiting',
      finishedAt: null,
      resume: { nodeId: 'wait', lead: { id: leadId, fields: { status: 'Open' }, tags: [] } } as never,
      wakeAt: T0 + 3_600_000,
    });
    expect(await runs.get(run.id)).toEqual(run);
    expect(await runs.get(newId())).toBeUndefined();
  });

  describe('list', () => {
    // Three events of one lead; the second ran two workflows. Clocks run backwards on purpose.
    let lead: string;
    let other: string;
    let wfA: string;
    let wfB: string;
    let first: RunRecord;
    let secondA: RunRecord;
    let secondB: RunRecord;
    let third: RunRecord;
    let otherLead: RunRecord;

    beforeAll(async () => {
      [lead, other, wfA, wfB] = [newId(), newId(), newId(), newId()];
      const e1 = await insertEvent(lead, T0 + 300);
      const e2 = await insertEvent(lead, T0 + 200);
      const e3 = await insertEvent(lead, T0 + 100);
      const e4 = await insertEvent(other, T0);
      first = await insertRun({ workflowId: wfA, leadId: lead, eventId: e1, startedAt: T0 + 300 });
      secondA = await insertRun({ workflowId: wfA, leadId: lead, eventId: e2, startedAt: T0 + 200 });
      secondB = await insertRun({
        workflowId: wfB,
        leadId: lead,
        eventId: e2,
        startedAt: T0 + 199,
        status: 'failed',
        reason: 'boom',
      });
      third = await insertRun({
        workflowId: wfB,
        leadId: lead,
        eventId: e3,
        startedAt: T0 + 100,
        status: 'waiting',
        finishedAt: null,
      });
      otherLead = await insertRun({ workflowId: wfA, leadId: other, eventId: e4, startedAt: T0 });
    });

    const ids = (list: RunRecord[]) => list.map((r) => r.id);

    it('lists a lead’s runs newest event first, the runs of one event in creation order', async () => {
      const list = await runs.list({ leadId: lead, limit: 100, offset: 0 });
      expect(ids(list)).toEqual(ids([third, secondA, secondB, first]));
      expect(list[1]).toEqual(secondA);
    });

    it('filters by workflow, status and both, and ignores empty filters', async () => {
      expect(ids(await runs.list({ workflowId: wfA, limit: 100, offset: 0 }))).toEqual(
        ids([otherLead, secondA, first]),
      );
      expect(ids(await runs.list({ workflowId: wfB, status: 'failed', limit: 100, offset: 0 }))).toEqual(
        ids([secondB]),
      );
      expect(ids(await runs.list({ leadId: lead, status: 'waiting', limit: 100, offset: 0 }))).toEqual(
        ids([third]),
      );
      expect(ids(await runs.list({ leadId: other, workflowId: wfB, limit: 100, offset: 0 }))).toEqual([]);
      expect(
        ids(await runs.list({ leadId: lead, workflowId: '', status: undefined, limit: 100, offset: 0 })),
      ).toHaveLength(4);
    });

    it('pages with limit and offset', async () => {
      expect(ids(await runs.list({ leadId: lead, limit: 2, offset: 0 }))).toEqual(ids([third, secondA]));
      expect(ids(await runs.list({ leadId: lead, limit: 2, offset: 2 }))).toEqual(ids([secondB, first]));
      expect(await runs.list({ leadId: lead, limit: 2, offset: 4 })).toEqual([]);
    });

    it('lists every run in the same order without a filter', async () => {
      const all = await runs.list({ limit: 1000, offset: 0 });
      const mine = new Set(ids([first, secondA, secondB, third, otherLead]));
      expect(ids(all.filter((r) => mine.has(r.id)))).toEqual(
        ids([otherLead, third, secondA, secondB, first]),
      );
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(a.eventId > b.eventId || (a.eventId === b.eventId && a.id < b.id)).toBe(true);
      }
    });
  });

  it('skips only the waiting runs of the workflow, in a config write', async () => {
    const [wf, otherWf, leadId] = [newId(), newId(), newId()];
    const eventId = await insertEvent(leadId, T0);
    const waiting = {
      status: 'waiting' as const,
      finishedAt: null,
      resume: { nodeId: 'w' } as never,
      wakeAt: T0 + 1000,
    };
    const a = await insertRun({ workflowId: wf, leadId, eventId, ...waiting });
    const b = await insertRun({ workflowId: wf, leadId, eventId, ...waiting });
    const done = await insertRun({ workflowId: wf, leadId, eventId });
    const elsewhere = await insertRun({ workflowId: otherWf, leadId, eventId, ...waiting });

    await f.cache.write((tx) => runs.skipWaiting(tx, wf, 'the workflow was deactivated', T0 + 500));

    for (const run of [a, b]) {
      expect(await runs.get(run.id)).toEqual({
        ...run,
        status: 'skipped',
        reason: 'the workflow was deactivated',
        finishedAt: T0 + 500,
        resume: null,
        wakeAt: null,
      });
    }
    expect(await runs.get(done.id)).toEqual(done);
    expect(await runs.get(elsewhere.id)).toEqual(elsewhere);
  });

  it('leaves the waiting runs as they were when the config write fails', async () => {
    const [wf, leadId] = [newId(), newId()];
    const eventId = await insertEvent(leadId, T0);
    const run = await insertRun({
      workflowId: wf,
      leadId,
      eventId,
      status: 'waiting',
      finishedAt: null,
      wakeAt: T0,
    });
    await expect(
      f.cache.write(async (tx) => {
        await runs.skipWaiting(tx, wf, 'the workflow was deleted', T0 + 1);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await runs.get(run.id)).toEqual(run);
  });

  it('counts runs per status', async () => {
    const before = new Map((await runs.countByStatus()).map((c) => [c.status, c.n]));
    const [wf, leadId] = [newId(), newId()];
    const eventId = await insertEvent(leadId, T0);
    const added: RunStatus[] = [
      'completed',
      'completed',
      'failed',
      'running',
      'waiting',
      'skipped',
      'skipped',
      'skipped',
    ];
    for (const status of added) await insertRun({ workflowId: wf, leadId, eventId, status });
    const after = await runs.countByStatus();
    for (const { n } of after) expect(typeof n).toBe('number');
    const delta = Object.fromEntries(after.map((c) => [c.status, c.n - (before.get(c.status) ?? 0)]));
    expect(delta).toEqual({ completed: 2, failed: 1, running: 1, waiting: 1, skipped: 3 });
  });

  it('answers the latencies of the finished runs of outside events started since a time', async () => {
    const since = T0 + 10_000_000;
    const [wf, leadId] = [newId(), newId()];
    const e1 = await insertEvent(leadId, since - 40);
    const e2 = await insertEvent(leadId, since + 100);
    await insertRun({ workflowId: wf, leadId, eventId: e1, startedAt: since, finishedAt: since + 10 }); // 50 ms
    await insertRun({ workflowId: wf, leadId, eventId: e2, startedAt: since + 101, finishedAt: since + 107 }); // 7 ms
    // Not counted: started before, caused by a run, not finished.
    await insertRun({ workflowId: wf, leadId, eventId: e1, startedAt: since - 1, finishedAt: since + 1 });
    await insertRun({
      workflowId: wf,
      leadId,
      eventId: e2,
      depth: 1,
      startedAt: since + 200,
      finishedAt: since + 300,
    });
    await insertRun({
      workflowId: wf,
      leadId,
      eventId: e2,
      status: 'waiting',
      startedAt: since + 200,
      finishedAt: null,
    });
    const latencies = await runs.latenciesSince(since);
    expect([...latencies].sort((a, b) => a - b)).toEqual([7, 50]);
  });
});
