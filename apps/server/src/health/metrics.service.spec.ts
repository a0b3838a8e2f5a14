import { fakeServer, NOW, storeRun, type FakeServer } from '../../test/fakes';
import { QueueStatus } from '../events/queue-status';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  let s: FakeServer;
  let queue: QueueStatus;
  let metrics: MetricsService;
  beforeEach(async () => {
    s = await fakeServer();
    queue = new QueueStatus();
    metrics = new MetricsService(s.runs, s.pipeline, queue, s.clock);
  });

  const lines = async () => (await metrics.text()).split('\n');

  it('reports the outbox’s pending events and the runs by status', async () => {
    storeRun(s.db, { workflowId: 'w1' });
    storeRun(s.db, { workflowId: 'w1' });
    storeRun(s.db, { workflowId: 'w1', status: 'waiting', finishedAt: null });
    for (const id of [101, 102, 103])
      s.db.tables.events.push({
        id,
        leadId: 'l1',
        event: { type: 'lead.created' },
        createdAt: NOW,
        status: 'pending',
      });
    expect(await lines()).toEqual(
      expect.arrayContaining([
        'leadflow_events_pending 3',
        'leadflow_runs{status="completed"} 2',
        'leadflow_runs{status="waiting"} 1',
      ]),
    );
  });

  it('measures event stored → run finished for the last minute’s runs of outside events only', async () => {
    const started = NOW - 30_000;
    storeRun(s.db, { workflowId: 'w1', startedAt: started, finishedAt: started + 40 });
    storeRun(s.db, { workflowId: 'w1', startedAt: started, finishedAt: started + 300 });
    // Too old, caused by another run, or not finished: left out.
    storeRun(s.db, { workflowId: 'w1', startedAt: NOW - 61_000, finishedAt: NOW - 60_990 });
    storeRun(s.db, { workflowId: 'w1', startedAt: started, finishedAt: started + 1, depth: 1 });
    storeRun(s.db, { workflowId: 'w1', startedAt: started, finishedAt: null, status: 'waiting' });
    expect(await lines()).toEqual(
      expect.arrayContaining([
        'leadflow_run_latency_ms_bucket{le="25"} 0',
        'leadflow_run_latency_ms_bucket{le="50"} 1',
        'leadflow_run_latency_ms_bucket{le="250"} 1',
        'leadflow_run_latency_ms_bucket{le="500"} 2',
        'leadflow_run_latency_ms_bucket{le="+Inf"} 2',
        'leadflow_run_latency_ms_sum 340',
        'leadflow_run_latency_ms_count 2',
      ]),
    );
  });

  it('leaves the queue out without one, and reports its jobs by state with one', async () => {
    expect((await metrics.text()).includes('leadflow_queue')).toBe(false);
    queue.counts = async () => ({ waiting: 4, active: 1 });
    expect(await lines()).toEqual(
      expect.arrayContaining([
        'leadflow_queue_up 1',
        'leadflow_queue_jobs{state="waiting"} 4',
        'leadflow_queue_jobs{state="active"} 1',
      ]),
    );
  });

  it('reports the queue down, and the rest all the same, when Redis fails or does not answer in time', async () => {
    storeRun(s.db, { workflowId: 'w1' });
    queue.counts = () => Promise.reject(new Error('Connection is closed.'));
    const failed = await lines();
    expect(failed).toEqual(
      expect.arrayContaining(['leadflow_queue_up 0', 'leadflow_runs{status="completed"} 1']),
    );
    expect(failed.some((line) => line.startsWith('leadflow_queue_jobs{'))).toBe(false);

    queue.counts = () => new Promise(() => undefined);
    expect(await lines()).toContain('leadflow_queue_up 0');
  });
});
