import type { FieldValue } from '@leadflow/workflow';
import { newId } from '../../src/common/ids';
import { LeadRepository, type LeadRecord } from '../../src/leads/lead.repository';
import { PgLeadRepository } from '../../src/leads/lead.repository.pg';
import { SqliteLeadRepository } from '../../src/leads/lead.repository.sqlite';
import { DATABASES } from '../harness';
import { count, openFixture, workflowOn, type Fixture } from './fixture';

describe.each(DATABASES)('LeadRepository on %s', (database) => {
  let f: Fixture;
  let leads: LeadRepository;
  let ada: string;
  let bo: string;

  beforeAll(async () => {
    f = await openFixture(database);
    leads = f.get(LeadRepository);
    ada = await f.addManager('ada@example.com');
    bo = await f.addManager('bo@example.com');
    // SQLite stores only the events an active workflow's trigger matches: these two are.
    await f.addWorkflow(workflowOn('lead.created', 'On created'));
    await f.addWorkflow(workflowOn('lead.fieldUpdated', 'On field updated'));
  });
  afterAll(() => f?.close());

  it('is the implementation of the database, as the module chose it', () => {
    expect(leads).toBeInstanceOf(database === 'postgres' ? PgLeadRepository : SqliteLeadRepository);
  });

  const lead = (fields: Record<string, FieldValue>, tags: string[] = []): LeadRecord => ({
    id: newId(),
    fields: { manager: null, ...fields },
    tags,
    createdAt: f.now,
    updatedAt: f.now,
  });
  const eventsOf = (leadId: string) =>
    f.sql.query<{
      id: number | string;
      event: string;
      depth: number;
      status: string;
      created_at: number | string;
    }>('SELECT id, event, depth, status, created_at FROM events WHERE lead_id = ? ORDER BY id', [leadId]);
  const rowOf = async (leadId: string) =>
    (await f.sql.one<{
      manager_id: string | null;
      open: number | boolean;
      status: string | null;
      company_key: string | null;
      email_domain: string | null;
      updated_at: number | string;
    }>('SELECT manager_id, open, status, company_key, email_domain, updated_at FROM leads WHERE id = ?', [
      leadId,
    ]))!;

  describe('create', () => {
    it('stores the lead with its events and answers their ids once both are committed', async () => {
      const created = lead({ name: 'Jo', email: 'jo@acme.com', status: 'New', manager: 'ada@example.com' }, [
        'Hot',
      ]);
      const refs = await leads.create(created, [
        { type: 'lead.created' },
        { type: 'lead.fieldUpdated', field: 'x' },
      ]);

      expect(refs).toEqual([
        { id: expect.any(Number), leadId: created.id },
        { id: expect.any(Number), leadId: created.id },
      ]);
      expect(refs[1].id).toBeGreaterThan(refs[0].id);
      // Committed when the promise resolves: another connection reads the lead and its events.
      const outside = await f.readOutside<{ id: number | string; event: string }>(
        'SELECT e.id, e.event FROM events e JOIN leads l ON l.id = e.lead_id WHERE l.id = ? ORDER BY e.id',
        [created.id],
      );
      expect(outside.map((e) => Number(e.id))).toEqual(refs.map((r) => r.id));
      expect(outside.map((e) => JSON.parse(e.event))).toEqual([
        { type: 'lead.created' },
        { type: 'lead.fieldUpdated', field: 'x' },
      ]);
      const events = await eventsOf(created.id);
      expect(events.map((e) => [e.depth, e.status, Number(e.created_at)])).toEqual([
        [0, 'pending', f.now],
        [0, 'pending', f.now],
      ]);
      expect(await leads.get(created.id)).toEqual(created);
    });

    it('stores an event no active workflow wants only on PostgreSQL (another process may want it)', async () => {
      const created = lead({ name: 'Tag' });
      const refs = await leads.create(created, [{ type: 'lead.tagAdded', tag: 'vip' }]);
      const expected = database === 'postgres' ? 1 : 0;
      expect(refs).toHaveLength(expected);
      expect(await eventsOf(created.id)).toHaveLength(expected);
      expect(await leads.get(created.id)).toEqual(created);
    });

    it('stores a lead without events', async () => {
      const created = lead({ name: 'Quiet' });
      expect(await leads.create(created, [])).toEqual([]);
      expect(await leads.get(created.id)).toEqual(created);
    });

    it('derives the manager, open, status and account columns from the fields', async () => {
      const a = lead({
        email: 'Jo@Sub.ACME.com ',
        company: '  Acme GmbH ',
        status: 'New',
        manager: 'ADA@example.com',
      });
      const b = lead({ email: 'not-an-email', company: '   ', status: 'Won', manager: 'nobody@example.com' });
      const c = lead({ email: 'x@y@Example.org' });
      for (const l of [a, b, c]) await leads.create(l, []);

      const rowA = await rowOf(a.id);
      expect(rowA).toMatchObject({
        manager_id: ada,
        status: 'New',
        company_key: 'acme gmbh',
        email_domain: 'sub.acme.com',
      });
      expect(Boolean(rowA.open)).toBe(true);
      const rowB = await rowOf(b.id);
      // An unknown manager is stored as none; a closed status closes the lead; blank keys are no account.
      expect(rowB).toMatchObject({ manager_id: null, status: 'Won', company_key: null, email_domain: null });
      expect(Boolean(rowB.open)).toBe(false);
      const rowC = await rowOf(c.id);
      expect(rowC).toMatchObject({
        manager_id: null,
        status: null,
        company_key: null,
        email_domain: 'example.org',
      });
      expect(Boolean(rowC.open)).toBe(true);
      // The manager reads back as the directory's email.
      expect((await leads.get(a.id))!.fields.manager).toBe('ada@example.com');
    });
  });

  describe('get and list', () => {
    it('answers undefined for an unknown lead', async () => {
      expect(await leads.get(newId())).toBeUndefined();
    });

    it('lists the newest lead first, a page at a time', async () => {
      const five: LeadRecord[] = [];
      for (let i = 0; i < 5; i++) {
        five.push(lead({ name: `Page ${i}`, n: i }));
        await leads.create(five[i], []);
      }
      const newestFirst = [...five].reverse();
      expect(await leads.list(3, 0)).toEqual(newestFirst.slice(0, 3));
      expect(await leads.list(2, 3)).toEqual(newestFirst.slice(3, 5));
      const all = await leads.list(1000, 0);
      expect(all.slice(0, 5)).toEqual(newestFirst);
      const ids = all.map((l) => l.id);
      expect(ids).toEqual([...ids].sort().reverse());
      expect(await leads.list(10, all.length)).toEqual([]);
    });
  });

  describe('change', () => {
    it('answers undefined for an unknown lead without calling the change', async () => {
      const change = jest.fn();
      expect(await leads.change(newId(), change)).toBeUndefined();
      expect(change).not.toHaveBeenCalled();
    });

    it('stores nothing when the change returns the lead as it was', async () => {
      const created = lead({ name: 'Same' });
      await leads.create(created, [{ type: 'lead.created' }]);
      f.now += 60_000;
      const result = await leads.change(created.id, (current) => ({
        lead: current,
        events: [{ type: 'lead.fieldUpdated', field: 'name' }],
      }));
      expect(result).toEqual({ lead: created, stored: [] });
      expect(await eventsOf(created.id)).toHaveLength(1);
      expect(Number((await rowOf(created.id)).updated_at)).toBe(created.updatedAt);
    });

    it('stores the changed lead, its derived columns and its events in one go, at the time of the change', async () => {
      const created = lead({ name: 'Mover', company: 'Acme', status: 'New', manager: 'ada@example.com' });
      await leads.create(created, [{ type: 'lead.created' }]);
      f.now += 60_000;
      const result = await leads.change(created.id, (current) => ({
        lead: {
          ...current,
          fields: { ...current.fields, status: 'Won', company: 'Globex', manager: 'bo@example.com' },
          tags: ['Closed'],
        },
        events: [
          { type: 'lead.fieldUpdated', field: 'status', from: 'New', to: 'Won' },
          { type: 'lead.fieldUpdated', field: 'company', from: 'Acme', to: 'Globex' },
        ],
      }));
      const expected = {
        ...created,
        fields: { ...created.fields, status: 'Won', company: 'Globex', manager: 'bo@example.com' },
        tags: ['Closed'],
        updatedAt: f.now,
      };
      expect(result!.lead).toEqual(expected);
      expect(result!.stored).toEqual([
        { id: expect.any(Number), leadId: created.id },
        { id: expect.any(Number), leadId: created.id },
      ]);
      const events = await eventsOf(created.id);
      expect(events.map((e) => Number(e.id)).slice(1)).toEqual(result!.stored.map((r) => r.id));
      expect(events.slice(1).map((e) => [JSON.parse(e.event).field, Number(e.created_at)])).toEqual([
        ['status', f.now],
        ['company', f.now],
      ]);
      expect(await leads.get(created.id)).toEqual(expected);
      const row = await rowOf(created.id);
      expect(row).toMatchObject({ manager_id: bo, status: 'Won', company_key: 'globex' });
      expect(Boolean(row.open)).toBe(false);
    });

    it('stores nothing when the change throws', async () => {
      const created = lead({ name: 'Refused', status: 'New' });
      await leads.create(created, []);
      await expect(
        leads.change(created.id, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await leads.get(created.id)).toEqual(created);
    });
  });

  describe('counts', () => {
    it('counts open leads per manager and all leads a manager holds', async () => {
      const cy = await f.addManager('cy@example.com');
      const di = await f.addManager('di@example.com');
      const held: Array<Record<string, FieldValue>> = [
        { manager: 'cy@example.com', status: 'New' },
        { manager: 'cy@example.com' },
        { manager: 'cy@example.com', status: 'Won' },
        { manager: 'di@example.com', status: 'Lost' },
      ];
      for (const fields of held) await leads.create(lead(fields), []);

      const open = await leads.openLeadsByManager();
      expect(open.get(cy)).toBe(2);
      expect(open.has(di)).toBe(false);
      expect(await leads.openLeadsOf(cy)).toBe(2);
      expect(await leads.openLeadsOf(di)).toBe(0);
      expect(await leads.openLeadsOf(newId())).toBe(0);
      expect(await f.cache.write((tx) => leads.countOf(cy, tx))).toBe(3);
      expect(await f.cache.write((tx) => leads.countOf(di, tx))).toBe(1);
      // Every open lead with a manager is counted once.
      const stored = await f.sql.query<{ n: number | string }>(
        'SELECT count(*) AS n FROM leads WHERE open = TRUE AND manager_id IS NOT NULL',
      );
      expect([...open.values()].reduce((a, b) => a + b, 0)).toBe(count(stored));
      expect(open.get(ada)).toBeGreaterThan(0);
    });

    it('counts the leads that hold a value for a custom field', async () => {
      await leads.create(lead({ budget: 100 }), []);
      await leads.create(lead({ budget: 'large', name: 'Budget' }), []);
      await leads.create(lead({ budgetary: 'no', note: 'budget' }), []);
      expect(await f.cache.write((tx) => leads.countHolding('budget', tx))).toBe(2);
      expect(await f.cache.write((tx) => leads.countHolding('unused_key', tx))).toBe(0);
    });
  });
});
