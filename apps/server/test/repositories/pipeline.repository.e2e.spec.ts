import { newId } from '../../src/common/ids';
import { PipelineRepository } from '../../src/events/pipeline.repository';
import { PgPipelineRepository } from '../../src/events/pipeline.repository.pg';
import { SqlitePipelineRepository } from '../../src/events/pipeline.repository.sqlite';
import { DATABASES } from '../harness';
import { openFixture, T0, type Fixture } from './fixture';

describe.each(DATABASES)('PipelineRepository on %s', (database) => {
  let f: Fixture;
  let pipeline: PipelineRepository;

  beforeAll(async () => {
    f = await openFixture(database);
    pipeline = f.get(PipelineRepository);
  });
  afterAll(() => f?.close());

  const insertEvent = (leadId: string, status: 'pending' | 'done', createdAt = T0) =>
    f.insertEvent(leadId, status, createdAt);
  const markDone = (id: number) => f.sql.query(`UPDATE events SET status = 'done' WHERE id = ?`, [id]);

  it('is the implementation of the database', () => {
    expect(pipeline).toBeInstanceOf(
      database === 'postgres' ? PgPipelineRepository : SqlitePipelineRepository,
    );
  });

  it('counts the pending events only', async () => {
    expect(await pipeline.pendingCount()).toBe(0);
    const lead = newId();
    const first = await insertEvent(lead, 'pending');
    await insertEvent(lead, 'pending');
    await insertEvent(newId(), 'done');
    expect(await pipeline.pendingCount()).toBe(2);
    await markDone(first);
    expect(await pipeline.pendingCount()).toBe(1);
  });

  // PostgreSQL's workers and queue ask the outbox more than its depth.
  (database === 'postgres' ? describe : describe.skip)('on PostgreSQL', () => {
    const pg = () => pipeline as PgPipelineRepository;
    let ids: { [name: string]: number };
    let leads: { [name: string]: string };

    beforeAll(async () => {
      await f.sql.query(`UPDATE events SET status = 'done'`);
      leads = { a: newId(), b: newId(), c: newId(), d: newId(), e: newId() };
      // Stored in this order: e's event was processed, so b's oldest pending event comes first, then
      // a's, then c's; d has none pending.
      const e1 = await insertEvent(leads.e, 'pending', T0);
      ids = {
        dDone: await insertEvent(leads.d, 'done', T0),
        b1: await insertEvent(leads.b, 'pending', T0 + 10),
        a1: await insertEvent(leads.a, 'pending', T0 + 20),
        b2: await insertEvent(leads.b, 'pending', T0 + 30),
        c1: await insertEvent(leads.c, 'pending', T0 + 40),
        a2: await insertEvent(leads.a, 'pending', T0 + 50),
      };
      await markDone(e1);
    });

    it('lists the leads with pending events, the lead of the oldest first', async () => {
      expect(await pg().pendingLeads(10)).toEqual([leads.b, leads.a, leads.c]);
      expect(await pg().pendingLeads(2)).toEqual([leads.b, leads.a]);
    });

    it('lists the pending events stored before a time, oldest first', async () => {
      const ref = (name: string) => ({ id: ids[name], leadId: leads[name[0]] });
      expect(await pg().pendingBefore(T0 + 50, 10)).toEqual(['b1', 'a1', 'b2', 'c1'].map(ref));
      expect(await pg().pendingBefore(T0 + 51, 2)).toEqual(['b1', 'a1'].map(ref));
      expect(await pg().pendingBefore(T0 + 10, 10)).toEqual([]);
    });
  });
});
