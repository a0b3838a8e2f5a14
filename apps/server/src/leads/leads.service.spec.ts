import { MAX_LEAD_TAGS } from '@leadflow/workflow';
import { fakeServer, NOW, refusal, storeManager, storeWorkflow, type FakeServer } from '../../test/fakes';
import { roundRobin } from '../../test/workflow-files';
import { LeadsService } from './leads.service';

describe('LeadsService', () => {
  let s: FakeServer;
  let leads: LeadsService;
  beforeEach(async () => {
    s = await fakeServer();
    leads = new LeadsService(s.leads, s.config, s.listener, s.clock);
  });

  it('gives a lead created without a status the status "New", and keeps a given one', async () => {
    const statusOf = async (fields: object) => (await leads.create({ fields })).fields as { status?: string };
    expect((await statusOf({ name: 'Ann' })).status).toBe('New');
    expect((await statusOf({ name: 'Ann', status: null })).status).toBe('New');
    expect((await statusOf({ status: 'Qualified' })).status).toBe('Qualified');
  });

  it('answers the lead as stored, with the clock’s time and no manager', async () => {
    const created = await leads.create({ fields: { name: 'Ann' }, tags: ['b2b'] });
    expect(created).toEqual({
      id: expect.any(String),
      fields: { name: 'Ann', status: 'New', manager: null },
      tags: ['b2b'],
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    });
    expect(await leads.get(created.id)).toEqual(created);
  });

  it('keeps each tag once, compared case-blind, in its first spelling', async () => {
    const lead = await leads.create({ fields: {}, tags: ['Hot', 'hot', 'b2b', 'HOT'] });
    expect(lead.tags).toEqual(['Hot', 'b2b']);
    expect((await leads.addTag(lead.id, { tag: 'B2B' })).tags).toEqual(['Hot', 'b2b']);
    expect((await leads.removeTag(lead.id, 'hOT')).tags).toEqual(['b2b']);
  });

  it(`refuses the tag past ${MAX_LEAD_TAGS} with path "tag", and still takes one the lead holds`, async () => {
    const tags = Array.from({ length: MAX_LEAD_TAGS }, (_, i) => `t${i}`);
    const lead = await leads.create({ fields: {}, tags });
    const refused = await refusal(leads.addTag(lead.id, { tag: 'one-more' }));
    expect(refused).toMatchObject({ statusCode: 422, issues: [{ path: 'tag' }] });
    expect((await leads.addTag(lead.id, { tag: 'T0' })).tags).toHaveLength(MAX_LEAD_TAGS);
    expect((await leads.get(lead.id)).tags).toEqual(tags);
  });

  it('refuses a field the catalogue does not know with a 400 naming it', async () => {
    const refused = await refusal(leads.create({ fields: { name: 'Ann', budget: 5 } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.issues).toEqual([
      { code: 'unknown_field', path: 'fields.budget', message: expect.stringContaining('"budget"') },
    ]);
    expect(s.db.tables.leads.size).toBe(0);
  });

  it('accepts a field another process added since the config was loaded, after one refresh', async () => {
    const loads = s.configRepository.loads;
    s.db.tables.fields.set('budget', {
      key: 'budget',
      label: 'Budget',
      type: 'number',
      options: null,
      builtIn: false,
      createdAt: NOW,
    });
    s.db.tables.configVersion++;
    const lead = await leads.create({ fields: { budget: 5 } });
    expect(lead.fields).toMatchObject({ budget: 5 });
    expect(s.configRepository.loads).toBe(loads + 1);
  });

  it('does not reload the config for a write it accepts', async () => {
    const loads = s.configRepository.loads;
    s.db.tables.configVersion++;
    await leads.create({ fields: { name: 'Ann' } });
    expect(s.configRepository.loads).toBe(loads);
  });

  it('accepts a manager another process added, stores the email lower-case, and refuses a stranger', async () => {
    storeManager(s.db, 'ada@example.com');
    const lead = await leads.create({ fields: { manager: 'Ada@Example.COM' } });
    expect(lead.fields.manager).toBe('ada@example.com');
    const refused = await refusal(leads.update(lead.id, { fields: { manager: 'ghost@example.com' } }));
    expect(refused).toMatchObject({ statusCode: 400, issues: [{ path: 'fields.manager' }] });
    expect(refused.issues![0].message).toContain('ghost@example.com');
  });

  it('tells the listener of the events it stored, and nothing when none was stored', async () => {
    // Without an active workflow that wants them, no event is stored.
    const quiet = await leads.create({ fields: {} });
    await leads.update(quiet.id, { fields: { name: 'Ann' } });
    expect(s.listener.told).toEqual([]);

    storeManager(s.db, 'ada@example.com');
    storeWorkflow(s.db, roundRobin(['ada@example.com']), true);
    await s.config.refresh();
    const lead = await leads.create({ fields: {} });
    expect(s.listener.told).toEqual([[{ id: expect.any(Number), leadId: lead.id }]]);
    expect(s.db.tables.events.map((e) => e.event)).toEqual([{ type: 'lead.created' }]);
  });

  it('stores one fieldUpdated per changed field and none for an unchanged one', async () => {
    storeWorkflow(
      s.db,
      {
        format: 'leadflow.workflow/v1',
        name: 'On any field',
        nodes: [{ id: 'start', type: 'trigger', data: { event: 'lead.fieldUpdated' } }],
        edges: [],
      },
      true,
    );
    await s.config.refresh();
    const lead = await leads.create({ fields: { name: 'Ann', score: 3 } });
    expect(s.listener.told).toEqual([]);
    await leads.update(lead.id, { fields: { name: 'Ann', score: 4, country: null } });
    expect(s.db.tables.events.map((e) => e.event)).toEqual([
      { type: 'lead.fieldUpdated', field: 'score', from: 3, to: 4 },
    ]);
    expect(s.listener.told).toHaveLength(1);
  });

  it('clears a field set to null, and shows a changed lead with the new time', async () => {
    const lead = await leads.create({ fields: { name: 'Ann', country: 'DE' } });
    s.time.now = NOW + 60_000;
    const changed = await leads.update(lead.id, { fields: { country: null } });
    expect(changed.fields).toEqual({ name: 'Ann', status: 'New', manager: null });
    expect(changed).toMatchObject({
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW + 60_000).toISOString(),
    });
  });

  it('answers 404 for an unknown lead, on every route that names one', async () => {
    for (const work of [
      leads.get('nope'),
      leads.update('nope', { fields: {} }),
      leads.addTag('nope', { tag: 'x' }),
      leads.removeTag('nope', 'x'),
    ]) {
      expect(await refusal(work)).toMatchObject({ statusCode: 404, message: 'Lead "nope" does not exist' });
    }
  });

  it('lists the newest lead first, by page', async () => {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) ids.push((await leads.create({ fields: { name } })).id);
    expect((await leads.list(2, 0)).map((l) => l.id)).toEqual([ids[2], ids[1]]);
    expect((await leads.list(2, 2)).map((l) => l.id)).toEqual([ids[0]]);
  });
});
