import { BUILT_IN_FIELDS } from '@leadflow/workflow';
import { fakeServer, NOW, refusal, storeWorkflow, type FakeServer } from '../../test/fakes';
import { LeadsService } from '../leads/leads.service';
import { FieldsService } from './fields.service';

/** A workflow whose filter `is-gold` compares the select field `tier` with "Gold". */
const goldFilter = {
  format: 'leadflow.workflow/v1',
  name: 'Gold first',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'is-gold', type: 'filter', data: { condition: { '==': [{ var: 'lead.tier' }, 'Gold'] } } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'is-gold' }],
};

describe('FieldsService', () => {
  let s: FakeServer;
  let fields: FieldsService;
  let leads: LeadsService;
  beforeEach(async () => {
    s = await fakeServer();
    fields = new FieldsService(s.fields, s.leads, s.workflows, s.config, s.clock);
    leads = new LeadsService(s.leads, s.config, s.listener, s.clock);
  });

  const tier = () =>
    fields.create({ key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] });

  it('lists the built-in fields, then the custom ones in the order they were added', async () => {
    await tier();
    await fields.create({ key: 'budget', label: 'Budget', type: 'number' });
    expect(fields.list().map((f) => f.key)).toEqual([...BUILT_IN_FIELDS.map((f) => f.key), 'tier', 'budget']);
    expect(s.db.tables.fields.get('tier')).toMatchObject({ builtIn: false, createdAt: NOW });
  });

  it('creates a field that leads can hold at once', async () => {
    expect(await tier()).toEqual({ key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] });
    expect((await leads.create({ fields: { tier: 'Gold' } })).fields).toMatchObject({ tier: 'Gold' });
  });

  it('refuses a key that is taken, built-in or custom, with a 409 on "key"', async () => {
    await tier();
    for (const key of ['tier', 'email']) {
      expect(await refusal(fields.create({ key, label: 'Again', type: 'text' }))).toMatchObject({
        statusCode: 409,
        issues: [{ path: 'key', message: `"${key}" is taken` }],
      });
    }
  });

  it('refuses a key another process took since this one loaded its config', async () => {
    s.db.tables.fields.set('tier', {
      key: 'tier',
      label: 'Tier',
      type: 'text',
      options: null,
      builtIn: false,
      createdAt: NOW,
    });
    s.db.tables.configVersion++;
    expect(await refusal(tier())).toMatchObject({ statusCode: 409 });
  });

  it('refuses to change or delete a built-in field (409) and answers 404 for an unknown one', async () => {
    expect(await refusal(fields.update('email', { label: 'E-mail' }))).toMatchObject({
      statusCode: 409,
      message: '"email" is a built-in field: its label and type cannot be changed',
    });
    expect(await refusal(fields.remove('email'))).toMatchObject({
      statusCode: 409,
      message: '"email" is a built-in field: it cannot be deleted',
    });
    expect(await refusal(fields.update('nope', { label: 'X' }))).toMatchObject({ statusCode: 404 });
    expect(await refusal(fields.remove('nope'))).toMatchObject({ statusCode: 404 });
  });

  it('changes a label, and refuses options for a field that is not a select (400 on "options")', async () => {
    await fields.create({ key: 'budget', label: 'Budget', type: 'number' });
    expect(await fields.update('budget', { label: 'Budget (EUR)' })).toEqual({
      key: 'budget',
      label: 'Budget (EUR)',
      type: 'number',
    });
    expect(await refusal(fields.update('budget', { options: ['a'] }))).toMatchObject({
      statusCode: 400,
      issues: [{ path: 'options', message: 'only a select field has options; "budget" is a number field' }],
    });
  });

  it('adds and removes options no workflow uses; a lead then cannot be given a removed one', async () => {
    await tier();
    storeWorkflow(s.db, goldFilter);
    expect((await fields.update('tier', { options: ['Gold', 'Bronze'] })).options).toEqual([
      'Gold',
      'Bronze',
    ]);
    expect(await refusal(leads.create({ fields: { tier: 'Silver' } }))).toMatchObject({
      statusCode: 400,
      issues: [{ path: 'fields.tier' }],
    });
  });

  it('refuses to remove an option a workflow uses, naming the workflow and the node', async () => {
    await tier();
    storeWorkflow(s.db, goldFilter);
    const refused = await refusal(fields.update('tier', { label: 'Level', options: ['Silver'] }));
    expect(refused).toMatchObject({
      statusCode: 409,
      message:
        'workflow "Gold first" uses "Gold" (is-gold): change those workflows before removing the option',
      issues: [{ path: 'options', message: '"Gold" is used by workflow "Gold first"' }],
    });
    // Nothing of the refused patch was stored, the label neither.
    expect(fields.list().find((f) => f.key === 'tier')).toMatchObject({
      label: 'Tier',
      options: ['Gold', 'Silver'],
    });
  });

  it('refuses to delete a field a lead holds a value for, or a workflow uses, saying which', async () => {
    await tier();
    const lead = await leads.create({ fields: { tier: 'Gold' } });
    expect((await refusal(fields.remove('tier'))).message).toBe(
      'The field "tier" is in use: 1 lead holds a value for it',
    );
    await leads.update(lead.id, { fields: { tier: null } });
    storeWorkflow(s.db, goldFilter);
    expect(await refusal(fields.remove('tier'))).toMatchObject({
      statusCode: 409,
      message: 'The field "tier" is in use: workflow "Gold first" uses it',
    });
  });

  it('deletes a field nothing uses; leads can no longer hold it', async () => {
    await tier();
    await fields.remove('tier');
    expect(fields.list().map((f) => f.key)).not.toContain('tier');
    expect(await refusal(leads.create({ fields: { tier: 'Gold' } }))).toMatchObject({ statusCode: 400 });
  });
});
