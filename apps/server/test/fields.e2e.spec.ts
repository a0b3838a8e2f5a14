import { startTarget, TARGET_TIMEOUT_MS, TARGETS } from './cluster';
import type { Target } from './harness';

// PATCH /api/fields/:key (api.md, Fields): a custom field's label and a select field's options
// change; keys, types and built-in fields stay; an option a workflow uses cannot be removed.
describe.each(TARGETS)('custom fields are edited (%s)', (target) => {
  let t: Target;
  beforeAll(async () => {
    t = await startTarget(target);
    await t.http
      .post('/api/fields')
      .send({ key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver', 'Tin'] })
      .expect(201);
    await t.http.post('/api/fields').send({ key: 'seats', label: 'Seats', type: 'number' }).expect(201);
  }, TARGET_TIMEOUT_MS);
  afterAll(() => t.stop(), TARGET_TIMEOUT_MS);

  const field = async (key: string) =>
    ((await t.http.get('/api/fields').expect(200)).body as Array<{ key: string }>).find((f) => f.key === key);

  it("changes a field's label and options, and leads are checked against the new options", async () => {
    const res = await t.http
      .patch('/api/fields/tier')
      .send({ label: 'Customer tier', options: ['Gold', 'Silver', 'Bronze'] })
      .expect(200);
    expect(res.body).toEqual({
      key: 'tier',
      label: 'Customer tier',
      type: 'select',
      options: ['Gold', 'Silver', 'Bronze'],
    });
    expect(await field('tier')).toEqual(res.body);
    await t.http
      .post('/api/leads')
      .send({ fields: { tier: 'Bronze' } })
      .expect(201);
    const refused = await t.http
      .post('/api/leads')
      .send({ fields: { tier: 'Tin' } })
      .expect(400);
    expect(refused.body.issues[0]).toMatchObject({ path: 'fields.tier' });

    await t.http.patch('/api/fields/seats').send({ label: 'Seats bought' }).expect(200);
    expect(await field('seats')).toEqual({ key: 'seats', label: 'Seats bought', type: 'number' });
  });

  it('refuses an option that a workflow uses, naming the workflow and its node, and changes nothing', async () => {
    await t.http
      .post('/api/workflows')
      .send({
        format: 'leadflow.workflow/v1',
        name: 'Gold first',
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
          { id: 'gold', type: 'filter', data: { condition: { '==': [{ var: 'lead.tier' }, 'Gold'] } } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'gold' }],
      })
      .expect(201);
    const res = await t.http
      .patch('/api/fields/tier')
      .send({ label: 'Renamed', options: ['Silver', 'Bronze'] })
      .expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(res.body.message).toContain('workflow "Gold first" uses "Gold" (gold)');
    expect(res.body.issues).toEqual([
      { code: 'invalid_value', path: 'options', message: '"Gold" is used by workflow "Gold first"' },
    ]);
    expect(await field('tier')).toMatchObject({
      label: 'Customer tier',
      options: ['Gold', 'Silver', 'Bronze'],
    });
    // An option no workflow uses may go.
    await t.http
      .patch('/api/fields/tier')
      .send({ options: ['Gold', 'Bronze'] })
      .expect(200);
  });

  it('refuses built-in fields, unknown keys, a changed key or type, and bad options', async () => {
    const builtIn = await t.http.patch('/api/fields/company').send({ label: 'Firm' }).expect(409);
    expect(builtIn.body.message).toBe('"company" is a built-in field: its label and type cannot be changed');
    const unknown = await t.http.patch('/api/fields/nope').send({ label: 'Nope' }).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, message: 'Field "nope" does not exist' });

    const keyChange = await t.http.patch('/api/fields/seats').send({ key: 'chairs' }).expect(400);
    expect(keyChange.body.issues).toEqual([expect.objectContaining({ path: 'key' })]);
    const typeChange = await t.http.patch('/api/fields/seats').send({ type: 'text' }).expect(400);
    expect(typeChange.body.issues).toEqual([expect.objectContaining({ path: 'type' })]);
    const notSelect = await t.http
      .patch('/api/fields/seats')
      .send({ options: ['1'] })
      .expect(400);
    expect(notSelect.body.issues).toEqual([
      {
        code: 'not_applicable',
        path: 'options',
        message: 'only a select field has options; "seats" is a number field',
      },
    ]);
    const repeated = await t.http
      .patch('/api/fields/tier')
      .send({ options: ['Gold', 'Gold'] })
      .expect(400);
    expect(repeated.body.issues).toEqual([
      { code: 'duplicate_value', path: 'options', message: 'options must be unique' },
    ]);
    const empty = await t.http.patch('/api/fields/tier').send({ label: '  ', options: [] }).expect(400);
    expect(empty.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'label',
      'options',
    ]);
    expect(await field('seats')).toEqual({ key: 'seats', label: 'Seats bought', type: 'number' });
    expect(await field('tier')).toMatchObject({ label: 'Customer tier', options: ['Gold', 'Bronze'] });
  });

  it('deletes a custom field nothing uses, and refuses one a lead or a workflow uses', async () => {
    await t.http.post('/api/fields').send({ key: 'scratch', label: 'Scratch', type: 'text' }).expect(201);
    await t.http.delete('/api/fields/scratch').expect(204);
    expect(await field('scratch')).toBeUndefined();
    await t.http
      .post('/api/leads')
      .send({ fields: { scratch: 'x' } })
      .expect(400);

    await t.http
      .post('/api/leads')
      .send({ fields: { seats: 3 } })
      .expect(201);
    const held = await t.http.delete('/api/fields/seats').expect(409);
    expect(held.body.message).toBe('The field "seats" is in use: 1 lead holds a value for it');
    const named = await t.http.delete('/api/fields/tier').expect(409);
    expect(named.body.message).toContain('workflow "Gold first" uses it');
    expect((await t.http.delete('/api/fields/email').expect(409)).body.message).toBe(
      '"email" is a built-in field: it cannot be deleted',
    );
    await t.http.delete('/api/fields/scratch').expect(404);
    expect(await field('seats')).toBeDefined();
  });
});
