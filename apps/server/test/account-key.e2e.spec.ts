import { DATABASES, startTestServer, type TestServer } from './harness';

const A = 'ada@example.com';
const B = 'bo@example.com';

/** The account sticky assignment stores for a lead is the one it looks up (engine `accountKey`). */
describe.each(DATABASES)('account keys (%s)', (database) => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer({}, database);
    for (const email of [A, B]) await t.createManager(email);
  });
  afterEach(() => t.stop());

  async function managerOf(id: string): Promise<unknown> {
    return (await t.http.get(`/api/leads/${id}`).expect(200)).body.fields.manager;
  }

  it('sticky by email domain finds a lead whose email is "@acme.com": the domain is still the account', async () => {
    await t.createWorkflow({
      format: 'leadflow.workflow/v1',
      name: 'Sticky by domain',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        {
          id: 'assign',
          type: 'updateField',
          data: {
            field: 'manager',
            operation: 'replaceWithOneOf',
            values: [A, B],
            sticky: { by: 'emailDomain' },
          },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'assign' }],
    });
    const first = await t.createLead({ email: '@acme.com' });
    await t.settle();
    expect(await managerOf(first.id)).toBe(A);
    // Without stickiness the rotation would give B next.
    const second = await t.createLead({ email: ' Jo@ACME.com ' });
    await t.settle();
    expect(await managerOf(second.id)).toBe(A);
    const other = await t.createLead({ email: 'kim@other.org' });
    await t.settle();
    expect(await managerOf(other.id)).toBe(B);
  });
});
