import { setImmediate } from 'node:timers/promises';
import {
  fakeServer,
  storeManager,
  storeWorkflow,
  type FakeConfigRepository,
  type MemoryDatabase,
} from '../../test/fakes';
import { roundRobin } from '../../test/workflow-files';
import type { ConfigCache } from './config-cache';

describe('ConfigCache', () => {
  let db: MemoryDatabase;
  let repository: FakeConfigRepository;
  let cache: ConfigCache;
  beforeEach(async () => {
    // The cache as the server builds it, loaded (onModuleInit) over the fake repository.
    ({ db, configRepository: repository, config: cache } = await fakeServer());
  });

  /** Holds every load of the config until the returned function is called. */
  const holdLoads = () => {
    let release!: () => void;
    repository.hold = new Promise((resolve) => (release = resolve));
    return () => {
      repository.hold = null;
      release();
    };
  };
  const emails = () => cache.managers.emails();

  it('loads the team, the custom fields and the active workflows only', async () => {
    storeManager(db, 'ada@example.com');
    db.tables.fields.set('tier', {
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: ['Gold'],
      builtIn: false,
      createdAt: 0,
    });
    const active = storeWorkflow(db, roundRobin(['ada@example.com'], 'On'), true);
    storeWorkflow(db, roundRobin(['ada@example.com'], 'Off'), false);
    await cache.reload();
    expect(emails()).toEqual(['ada@example.com']);
    expect(cache.fields.get('tier')).toEqual({
      key: 'tier',
      label: 'Tier',
      type: 'select',
      options: ['Gold'],
    });
    expect(cache.workflows.match({ type: 'lead.created' }).map((w) => w.id)).toEqual([active]);
  });

  it('reloads on refresh only when the stored version moved past the one it loaded', async () => {
    const loads = repository.loads;
    await cache.refresh();
    expect(repository.loads).toBe(loads);

    storeManager(db, 'ada@example.com');
    await cache.refresh();
    expect(repository.loads).toBe(loads + 1);
    expect(emails()).toEqual(['ada@example.com']);

    // A version the caller read already (the workers, with the lead's lock) is trusted.
    await cache.refresh(db.tables.configVersion);
    expect(repository.loads).toBe(loads + 1);
    await cache.refresh(db.tables.configVersion + 1);
    expect(repository.loads).toBe(loads + 2);
  });

  it('reloads after a write commits, so the next write checks against it', async () => {
    let seenInside: string[] = [];
    const result = await cache.write(async () => {
      storeManager(db, 'ada@example.com');
      seenInside = emails();
      return 'stored';
    });
    expect(result).toBe('stored');
    expect(seenInside).toEqual([]);
    expect(emails()).toEqual(['ada@example.com']);
  });

  it('neither stores nor reloads a write that throws', async () => {
    const loads = repository.loads;
    const version = db.tables.configVersion;
    await expect(
      cache.write(async () => {
        storeManager(db, 'ada@example.com');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(db.tables.managers.size).toBe(0);
    expect(db.tables.configVersion).toBe(version);
    expect(repository.loads).toBe(loads);
  });

  it('never loads twice at once, and a reload asked for during a load reads again after it', async () => {
    const release = holdLoads();
    const loads = repository.loads;
    const first = cache.reload();
    await setImmediate();
    // Committed after the running load read the config.
    storeManager(db, 'ada@example.com');
    const second = cache.reload();
    await setImmediate();
    expect(repository.loads).toBe(loads + 1);
    release();
    await Promise.all([first, second]);
    expect(repository.loads).toBe(loads + 2);
    expect(emails()).toEqual(['ada@example.com']);
  });

  it('lets the reloads asked for during one load share the next one', async () => {
    const release = holdLoads();
    const loads = repository.loads;
    const first = cache.reload();
    await setImmediate();
    const waiting = [cache.reload(), cache.reload(), cache.refresh(db.tables.configVersion + 1)];
    release();
    await Promise.all([first, ...waiting]);
    expect(repository.loads).toBe(loads + 2);
  });

  it('loads again after a failed load', async () => {
    const readAll = repository.readAll.bind(repository);
    repository.readAll = () => Promise.reject(new Error('connection lost'));
    await expect(cache.reload()).rejects.toThrow('connection lost');
    repository.readAll = readAll;
    storeManager(db, 'ada@example.com');
    await cache.reload();
    expect(emails()).toEqual(['ada@example.com']);
  });
});
