import { fakeServer, NOW, refusal, storeManager, storeWorkflow, type FakeServer } from '../../test/fakes';
import { roundRobin } from '../../test/workflow-files';
import { LeadsService } from '../leads/leads.service';
import { ManagersService } from './managers.service';

describe('ManagersService', () => {
  let s: FakeServer;
  let managers: ManagersService;
  let leads: LeadsService;
  beforeEach(async () => {
    s = await fakeServer();
    managers = new ManagersService(s.managers, s.leads, s.workflows, s.config, s.clock);
    leads = new LeadsService(s.leads, s.config, s.listener, s.clock);
  });

  const named = async (email: string, name: string) => {
    storeWorkflow(s.db, roundRobin([email], name));
    await s.config.refresh();
  };

  it('creates a manager with its email lower-case, active and available unless told, at the clock’s time', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'Ada@Example.com' });
    expect(ada).toEqual({
      id: expect.any(String),
      name: 'Ada',
      email: 'ada@example.com',
      active: true,
      available: true,
      awayUntil: null,
      workingHours: null,
      capacity: null,
      attributes: {},
      openLeads: 0,
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
    });
    expect(await managers.list()).toEqual([ada]);
  });

  it('refuses a second manager with the same email (409 on "email"), also one another process stored', async () => {
    await managers.create({ name: 'Ada', email: 'ada@example.com' });
    const twice = await refusal(managers.create({ name: 'Ada 2', email: 'ADA@example.com' }));
    expect(twice).toMatchObject({ statusCode: 409, issues: [{ path: 'email' }] });
    storeManager(s.db, 'bo@example.com');
    expect(await refusal(managers.create({ name: 'Bo', email: 'bo@example.com' }))).toMatchObject({
      statusCode: 409,
    });
    expect(s.db.tables.managers.size).toBe(2);
  });

  it('counts each manager’s open leads, not the won or lost ones', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com' });
    const bo = await managers.create({ name: 'Bo', email: 'bo@example.com' });
    for (const status of ['New', 'Qualified', 'Won', 'Lost'])
      await leads.create({ fields: { manager: 'ada@example.com', status } });
    expect((await managers.list()).map((m) => [m.email, m.openLeads])).toEqual([
      ['ada@example.com', 2],
      ['bo@example.com', 0],
    ]);
    expect((await managers.get(ada.id)).openLeads).toBe(2);
    expect((await managers.get(bo.id)).openLeads).toBe(0);
  });

  it('finds a manager another process created, and answers 404 for an unknown one', async () => {
    const bo = storeManager(s.db, 'bo@example.com');
    expect((await managers.get(bo.id)).email).toBe('bo@example.com');
    for (const work of [
      managers.get('nope'),
      managers.update('nope', { name: 'X' }),
      managers.remove('nope'),
    ])
      expect(await refusal(work)).toMatchObject({
        statusCode: 404,
        message: 'Manager "nope" does not exist',
      });
  });

  it('changes what the patch names and nothing else', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com', capacity: 5 });
    s.time.now = NOW + 1000;
    const away = '2026-03-09T09:00:00.000Z';
    const changed = await managers.update(ada.id, { available: false, awayUntil: away });
    expect(changed).toMatchObject({
      name: 'Ada',
      capacity: 5,
      available: false,
      awayUntil: away,
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW + 1000).toISOString(),
    });
    expect((await managers.update(ada.id, { awayUntil: null })).awayUntil).toBeNull();
  });

  it('refuses an email change while a workflow names the manager, naming the workflow', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com' });
    await named('ada@example.com', 'Inbound rotation');
    const refused = await refusal(managers.update(ada.id, { email: 'ada@new.example.com' }));
    expect(refused).toMatchObject({ statusCode: 409, issues: [{ path: 'email' }] });
    expect(refused.message).toContain('workflow "Inbound rotation"');
    expect((await managers.get(ada.id)).email).toBe('ada@example.com');
    // The same email, or other properties, may still change.
    expect(await managers.update(ada.id, { name: 'Ada L.', email: 'ADA@example.com' })).toMatchObject({
      name: 'Ada L.',
      email: 'ada@example.com',
    });
  });

  it('refuses an email change to an email another manager has', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com' });
    await managers.create({ name: 'Bo', email: 'bo@example.com' });
    expect(await refusal(managers.update(ada.id, { email: 'bo@example.com' }))).toMatchObject({
      statusCode: 409,
      issues: [{ path: 'email', message: 'bo@example.com is taken' }],
    });
  });

  it('changes the email of a manager no workflow names; their leads show the new one', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com' });
    const lead = await leads.create({ fields: { manager: 'ada@example.com' } });
    await managers.update(ada.id, { email: 'ada@new.example.com' });
    expect((await leads.get(lead.id)).fields.manager).toBe('ada@new.example.com');
  });

  it('refuses to delete a manager who holds leads or is named in a workflow, saying why', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com' });
    const lead = await leads.create({ fields: { manager: 'ada@example.com', status: 'Won' } });
    const holding = await refusal(managers.remove(ada.id));
    expect(holding.statusCode).toBe(409);
    expect(holding.message).toBe(
      'Ada <ada@example.com> manages 1 lead; set "active": false to retire them instead',
    );

    await named('ada@example.com', 'Inbound rotation');
    expect((await refusal(managers.remove(ada.id))).message).toBe(
      'Ada <ada@example.com> manages 1 lead and is named in workflow "Inbound rotation"; set "active": false to retire them instead',
    );

    await leads.update(lead.id, { fields: { manager: null } });
    expect((await refusal(managers.remove(ada.id))).message).toContain(
      'is named in workflow "Inbound rotation"',
    );
    expect(s.db.tables.managers.has(ada.id)).toBe(true);
  });

  it('deletes a manager nothing refers to, and forgets them', async () => {
    const ada = await managers.create({ name: 'Ada', email: 'ada@example.com' });
    await managers.remove(ada.id);
    expect(await managers.list()).toEqual([]);
    expect(await refusal(managers.get(ada.id))).toMatchObject({ statusCode: 404 });
  });
});
