import { fakeServer, NOW, refusal, storeRun, type FakeServer } from '../../test/fakes';
import { RunsService } from './runs.service';

describe('RunsService', () => {
  let s: FakeServer;
  let runs: RunsService;
  beforeEach(async () => {
    s = await fakeServer();
    runs = new RunsService(s.runs);
  });

  it('refuses a status that is not a run status, with path "status"', async () => {
    expect(await refusal(runs.list({ status: 'done' }))).toMatchObject({
      statusCode: 400,
      issues: [{ path: 'status', message: 'must be one of running, waiting, completed, failed, skipped' }],
    });
  });

  it('refuses a filter given twice and a bad page, naming each', async () => {
    expect(await refusal(runs.list({ leadId: ['a', 'b'] }))).toMatchObject({
      statusCode: 400,
      issues: [{ path: 'leadId', message: 'must be given once' }],
    });
    expect(await refusal(runs.list({ limit: '0', offset: '-1' }))).toMatchObject({
      issues: [{ path: 'limit' }, { path: 'offset' }],
    });
  });

  it('lists the runs that the filters and the page select, later events first', async () => {
    const first = storeRun(s.db, { workflowId: 'w1', leadId: 'l1' });
    const second = storeRun(s.db, { workflowId: 'w2', leadId: 'l1', status: 'waiting' });
    const third = storeRun(s.db, { workflowId: 'w1', leadId: 'l2' });
    const ids = async (query: Record<string, string>) => (await runs.list(query)).map((r) => r.id);
    expect(await ids({})).toEqual([third.id, second.id, first.id]);
    expect(await ids({ leadId: 'l1' })).toEqual([second.id, first.id]);
    expect(await ids({ workflowId: 'w1', leadId: 'l1' })).toEqual([first.id]);
    expect(await ids({ status: 'waiting' })).toEqual([second.id]);
    expect(await ids({ limit: '1', offset: '1' })).toEqual([second.id]);
  });

  it('answers a run in the API’s shape, and 404 for an unknown one', async () => {
    const run = storeRun(s.db, { workflowId: 'w1', status: 'waiting', finishedAt: null, wakeAt: NOW + 1000 });
    expect(await runs.get(run.id)).toEqual({
      id: run.id,
      workflowId: 'w1',
      workflowVersion: 1,
      leadId: 'lead-1',
      event: { id: String(run.eventId), type: 'lead.created', depth: 0 },
      status: 'waiting',
      startedAt: new Date(NOW).toISOString(),
      finishedAt: null,
      wakeAt: new Date(NOW + 1000).toISOString(),
      steps: [],
    });
    expect(await refusal(runs.get('nope'))).toMatchObject({
      statusCode: 404,
      message: 'Run "nope" does not exist',
    });
  });
});
