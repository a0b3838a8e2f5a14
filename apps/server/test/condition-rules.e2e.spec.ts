// The condition builder's rules through the real server: activation refuses an unfinished rule,
// and typed, guarded rules route leads as they read (issue 11).
import { leadRuleFields, rulesToLogic, type RuleGroup } from '@leadflow/workflow';
import { DATABASES, startTestServer, type TestServer } from './harness';

const vip = { key: 'vip', label: 'VIP', type: 'boolean' as const };
const fields = leadRuleFields([
  vip,
  { key: 'dealValue', label: 'Deal value', type: 'number' },
  { key: 'country', label: 'Country', type: 'text' },
]);

/** trigger → filter (the rules) → addTag `tag` on pass. */
const tagWhen = (name: string, rules: RuleGroup, tag: string) => ({
  format: 'leadflow.workflow/v1',
  name,
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'check', type: 'filter', data: { condition: rulesToLogic(rules, fields) } },
    { id: 'tag', type: 'addTag', data: { tag } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'check' },
    { id: 'e2', source: 'check', target: 'tag', sourceHandle: 'pass' },
  ],
});

describe.each(DATABASES)('condition builder rules (%s)', (database) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, database);
    await t.http.post('/api/fields').send(vip).expect(201);
  });
  afterAll(() => t.stop());

  it('saves a draft with a half-filled between, and refuses to activate it (422) naming the filter (issue 11.3)', async () => {
    const file = tagWhen(
      'Big deals',
      { combinator: 'and', rules: [{ field: 'lead.dealValue', operator: 'between', value: [10000, null] }] },
      'big',
    );
    const w = (await t.http.post('/api/workflows').send(file).expect(201)).body;
    expect(w.problems).toEqual([
      expect.objectContaining({ nodeId: 'check', path: 'nodes[1].data.condition.and[0]' }),
    ]);
    const res = await t.http.post(`/api/workflows/${w.id}/activate`).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        nodeId: 'check',
        path: 'nodes[1].data.condition.and[0]',
        message: expect.stringContaining('has only one end of its range'),
      }),
    ]);
    expect((await t.http.get(`/api/workflows/${w.id}`)).body.active).toBe(false);
  });

  it('routes by typed values and lists, and a missing value passes no comparison (issues 11.1, 11.2, 11.12)', async () => {
    await t.createWorkflow(
      tagWhen(
        'VIP',
        { combinator: 'and', rules: [{ field: 'lead.vip', operator: '==', value: true }] },
        'vip',
      ),
    );
    await t.createWorkflow(
      tagWhen(
        'DACH',
        { combinator: 'and', rules: [{ field: 'lead.country', operator: 'in', value: ['DE', 'AT', 'CH'] }] },
        'dach',
      ),
    );
    await t.createWorkflow(
      tagWhen(
        'Small',
        { combinator: 'and', rules: [{ field: 'lead.dealValue', operator: '<', value: 1000 }] },
        'small',
      ),
    );
    const leads = [
      await t.createLead({ name: 'VIP from Vienna', vip: true, country: 'AT', dealValue: 500 }),
      await t.createLead({ name: 'Not VIP', vip: false, country: 'FR', dealValue: 5000 }),
      await t.createLead({ name: 'Nothing known' }),
    ];
    await t.settle();
    const tags = await Promise.all(
      leads.map(async (lead: { id: string }) =>
        ((await t.http.get(`/api/leads/${lead.id}`).expect(200)).body.tags as string[]).sort(),
      ),
    );
    expect(tags).toEqual([['dach', 'small', 'vip'], [], []]);
  });
});
