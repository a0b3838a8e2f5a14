import { fakeServer, type FakeServer } from '../../test/fakes';
import { loadConfig } from '../config';
import { QueueStatus } from '../events/queue-status';
import { HealthService } from './health.service';

describe('HealthService', () => {
  let s: FakeServer;
  let queue: QueueStatus;
  let health: HealthService;
  beforeEach(async () => {
    s = await fakeServer();
    queue = new QueueStatus();
    health = new HealthService({ ...loadConfig({}), role: 'api' }, s.configRepository, s.health, queue);
  });

  /** A config write that the database refuses for a reason outside the request: a full disk. */
  const diskFull = async () => {
    s.configRepository.writeError = Object.assign(new Error('database or disk is full'), {
      code: 'SQLITE_FULL',
    });
    await expect(s.config.write(async () => undefined)).rejects.toThrow('disk is full');
  };

  it('is ready while the database answers and stores writes, and says which role it plays', async () => {
    expect(await health.ready()).toEqual({ ok: true, body: { status: 'ok', role: 'api', database: true } });
  });

  it('is not ready while the database does not answer', async () => {
    s.configRepository.answering = false;
    expect(await health.ready()).toEqual({
      ok: false,
      body: { status: 'unavailable', role: 'api', database: false },
    });
  });

  it('answers 503 with the cause and since when while writes fail, and is ready again once one is stored', async () => {
    await diskFull();
    const down = await health.ready();
    expect(down.ok).toBe(false);
    expect(down.body).toMatchObject({
      status: 'unavailable',
      database: true,
      cause: expect.stringContaining('disk is full'),
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // Still failing: the probe's write is refused too, and the first failure's time is kept.
    expect((await health.ready()).body.since).toBe(down.body.since);

    // Space freed: the probe's write is stored, with no request writing meanwhile.
    s.configRepository.writeError = null;
    expect(await health.ready()).toEqual({ ok: true, body: { status: 'ok', role: 'api', database: true } });
    expect(s.health.unavailable).toBeNull();
  });

  it('reports Redis when there is a queue, and is not ready without it', async () => {
    let redis = true;
    queue.ready = async () => redis;
    expect(await health.ready()).toMatchObject({ ok: true, body: { redis: true } });
    redis = false;
    expect(await health.ready()).toMatchObject({ ok: false, body: { status: 'unavailable', redis: false } });
  });
});
