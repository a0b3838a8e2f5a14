import { fakeServer, NOW, refusal, storeManager, storeWorkflow, type FakeServer } from '../../test/fakes';
import { roundRobin } from '../../test/workflow-files';
import { LeadsService } from '../leads/leads.service';
import { InsightService } from './insight.service';

const DAY = 24 * 60 * 60 * 1000;

const abTest = {
  format: 'leadflow.workflow/v1',
  name: 'A/B',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    {
      id: 'test',
      type: 'split',
      data: {
        branches: [
          { id: 'A', percent: 50 },
          { id: 'B', percent: 50 },
        ],
      },
    },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'test' }],
};

describe('InsightService', () => {
  let s: FakeServer;
  let insight: InsightService;
  let rotation: string;
  beforeEach(async () => {
    s = await fakeServer();
    insight = new InsightService(s.rotations, s.workflows, s.config, s.clock);
    for (const email of ['ada@example.com', 'bo@example.com', 'cy@example.com']) storeManager(s.db, email);
    rotation = storeWorkflow(s.db, roundRobin(['ada@example.com', 'bo@example.com', 'cy@example.com']));
    await s.config.refresh();
  });

  const given = (value: string, at: number, nodeId = 'assign', workflowId = rotation, leadId = 'l1') =>
    s.db.tables.assignments.push({ workflowId, nodeId, value, leadId, at });
  /** The rotation gave `last` most recently. */
  const lastGiven = (last: number) =>
    s.db.tables.rotations.set(`${rotation}/assign`, {
      strategy: 'roundRobin',
      list: ['ada@example.com', 'bo@example.com', 'cy@example.com'],
      last,
      owed: [],
      early: [],
    });

  it('counts each value in list order, and lists values of earlier versions last, off the list', async () => {
    given('bo@example.com', NOW - 10 * DAY);
    given('bo@example.com', NOW - DAY);
    given('gone@example.com', NOW - 20 * DAY);
    const { values } = await insight.rotation(rotation, 'assign');
    expect(values).toEqual([
      { value: 'ada@example.com', given: 0, givenLast7Days: 0, lastGivenAt: null, onList: true },
      {
        value: 'bo@example.com',
        given: 2,
        givenLast7Days: 1,
        lastGivenAt: new Date(NOW - DAY).toISOString(),
        onList: true,
      },
      { value: 'cy@example.com', given: 0, givenLast7Days: 0, lastGivenAt: null, onList: true },
      {
        value: 'gone@example.com',
        given: 1,
        givenLast7Days: 0,
        lastGivenAt: new Date(NOW - 20 * DAY).toISOString(),
        onList: false,
      },
    ]);
  });

  it('names the next value: the first before any run, then the one after the value given last', async () => {
    expect((await insight.rotation(rotation, 'assign')).next).toBe('ada@example.com');
    lastGiven(0);
    expect((await insight.rotation(rotation, 'assign')).next).toBe('bo@example.com');
  });

  it('never names an inactive manager next, also one retired through another process', async () => {
    lastGiven(0);
    const bo = [...s.db.tables.managers.values()].find((m) => m.email === 'bo@example.com')!;
    s.db.tables.managers.set(bo.id, { ...bo, active: false });
    s.db.tables.configVersion++;
    expect((await insight.rotation(rotation, 'assign')).next).toBe('cy@example.com');
  });

  it('refuses a node that is not "replace with one of" (400 on nodeId), and answers 404 for unknown ones', async () => {
    expect(await refusal(insight.rotation(rotation, 'start'))).toMatchObject({
      statusCode: 400,
      issues: [{ path: 'nodeId', message: 'node "start" is a trigger node, not "replace with one of"' }],
    });
    expect(await refusal(insight.split(rotation, 'assign'))).toMatchObject({
      statusCode: 400,
      issues: [{ path: 'nodeId', message: 'node "assign" is a updateField node, not a split' }],
    });
    expect(await refusal(insight.rotation('nope', 'assign'))).toMatchObject({
      statusCode: 404,
      message: 'Workflow "nope" does not exist',
    });
    expect(await refusal(insight.split(rotation, 'nope'))).toMatchObject({
      statusCode: 404,
      message: `Workflow "${rotation}" has no node "nope"`,
    });
  });

  describe('a split', () => {
    let split: string;
    let leads: LeadsService;
    beforeEach(() => {
      split = storeWorkflow(s.db, abTest);
      leads = new LeadsService(s.leads, s.config, s.listener, s.clock);
    });

    /** `n` leads sent down `branch`, `won` of them won by now. */
    const sent = async (branch: string, n: number, won: number) => {
      for (let i = 0; i < n; i++) {
        const lead = await leads.create({ fields: { status: i < won ? 'Won' : 'Qualified' } });
        given(branch, NOW, 'test', split, lead.id);
      }
    };

    it('reports each branch, a branch no lead took with none, and no verdict on little data', async () => {
      await sent('A', 3, 1);
      const report = await insight.split(split, 'test');
      expect(report.branches).toEqual([
        { id: 'A', leads: 3, won: 1, rate: 1 / 3 },
        { id: 'B', leads: 0, won: 0, rate: null },
      ]);
      expect(report.pValue).toBeNull();
      expect(report.verdict).toMatch(/^Not enough data yet/);
    });

    it('names the branch that converts better once the difference is significant', async () => {
      await sent('A', 30, 24);
      await sent('B', 30, 6);
      const report = await insight.split(split, 'test');
      expect(report.branches.map((b) => [b.id, b.leads, b.won])).toEqual([
        ['A', 30, 24],
        ['B', 30, 6],
      ]);
      expect(report.pValue).toBeLessThan(0.05);
      expect(report.verdict).toMatch(/^A converts better \(80% won\)/);
    });
  });
});
