import { DATABASES, startTestServer, type TestServer } from './harness';
import { expectIssues, sendRaw } from './raw-request';

const nestedArrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const nestedObjects = (levels: number) => '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
const KIB_16 = 16 * 1024;

// The servers of this file read the time through this wrapper (they capture `Date.now` as they
// start), so a test can step the clock back as an NTP correction would.
const realNow = Date.now;
let clockOffset = 0;
Date.now = () => realNow() - clockOffset;
afterAll(() => {
  Date.now = realNow;
});

const workflowFile = (name: string) => ({
  format: 'leadflow.workflow/v1',
  name,
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'tag', type: 'addTag', data: { tag: 'seen' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'tag' }],
});

describe.each(DATABASES)('hostile input (%s)', (database) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, database);
  });
  afterAll(() => t.stop());

  const expectRefusal = (
    res: { status: number; bytes: number; json: Record<string, unknown> },
    status = 400,
  ) => {
    expect(res.status).toBe(status);
    expect(res.bytes).toBeLessThan(KIB_16);
    expect(res.json).toMatchObject({ statusCode: status, issues: expect.any(Array) });
    return expectIssues(res.json);
  };

  it('refuses a workflow whose format is an array nested 5,000 deep with a 400 and its path, and keeps answering', async () => {
    const before = (await t.http.get('/api/workflows').expect(200)).body.length;
    const res = await sendRaw(
      t.url,
      'POST',
      '/api/workflows',
      `{"format":${nestedArrays(5000)},"name":"x","nodes":[],"edges":[]}`,
    );
    const issues = expectRefusal(res);
    expect(issues[0]).toEqual({
      code: 'too_deep',
      path: `format${'[0]'.repeat(255)}`,
      message: 'is nested deeper than 256 levels, the most a document may be',
    });
    expect((await t.http.get('/api/workflows').expect(200)).body).toHaveLength(before);
    await t.http.get('/api/health').expect(200);
  });

  it('accepts 256 levels and refuses 257 in any body', async () => {
    // 256 levels: read, then refused for what it says (a name is no list), not for its depth.
    const at256 = await sendRaw(t.url, 'POST', '/api/leads', `{"fields":{"name":${nestedObjects(254)}}}`);
    expect(expectRefusal(at256)).toEqual([
      { code: 'invalid_field_value', path: 'fields.name', message: 'must be a single value' },
    ]);
    const at257 = await sendRaw(t.url, 'POST', '/api/leads', `{"fields":{"name":${nestedObjects(255)}}}`);
    expect(expectRefusal(at257)[0].message).toMatch(/nested deeper than 256 levels/);
  });

  it('quotes a 900 KB format only in part', async () => {
    const res = await sendRaw(
      t.url,
      'POST',
      '/api/workflows',
      JSON.stringify({ ...workflowFile('Huge'), format: 'x'.repeat(900_000) }),
    );
    const issues = expectRefusal(res);
    expect(issues[0]).toEqual({
      code: 'invalid_value',
      path: 'format',
      message: expect.stringContaining('"xxxxxxxxxx'),
    });
    expect(issues[0].message).toMatch(/…"$/);
  });

  it('refuses a 900 KB unknown field key with a short answer', async () => {
    const res = await sendRaw(
      t.url,
      'POST',
      '/api/leads',
      JSON.stringify({ fields: { ['k'.repeat(900_000)]: 1 } }),
    );
    const [issue] = expectRefusal(res);
    expect(issue.path).toMatch(/^fields\.k+…$/);
  });

  it('lists thousands of problems within 16 KiB and counts those left out', async () => {
    const fields = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`unknown_${'u'.repeat(60)}_${i}`, 1]),
    );
    const res = await sendRaw(t.url, 'POST', '/api/leads', JSON.stringify({ fields }));
    const issues = expectRefusal(res);
    expect(issues.length).toBeLessThan(5000);
    expect(issues.length + Number(res.json.moreIssues)).toBe(5000);
  });

  it('refuses {"fields":{"__proto__":"x"}} with the path fields.__proto__ and stores no lead', async () => {
    const before = (await t.http.get('/api/leads?limit=1000').expect(200)).body.length;
    const res = await sendRaw(t.url, 'POST', '/api/leads', '{"fields":{"__proto__":"x"}}');
    expect(expectRefusal(res)).toEqual([
      { code: 'forbidden_key', path: 'fields.__proto__', message: '"__proto__" is not allowed as a key' },
    ]);
    expect((await t.http.get('/api/leads?limit=1000').expect(200)).body).toHaveLength(before);
  });

  it('refuses a manager PATCH with attributes.__proto__ and keeps the attributes', async () => {
    const manager = await t.createManager(`proto-${database}@example.com`, {
      attributes: { region: 'EU', industries: ['Medicine'] },
    });
    const res = await sendRaw(
      t.url,
      'PATCH',
      `/api/managers/${manager.id}`,
      '{"attributes":{"__proto__":{"region":"US"}}}',
    );
    expect(expectRefusal(res)).toEqual([
      { code: 'forbidden_key', path: 'attributes.__proto__', message: '"__proto__" is not allowed as a key' },
    ]);
    expect((await t.http.get(`/api/managers/${manager.id}`).expect(200)).body.attributes).toEqual({
      region: 'EU',
      industries: ['Medicine'],
    });
  });

  it.each([
    [
      'constructor in a node',
      '/api/workflows',
      '{"format":"leadflow.workflow/v1","name":"x","nodes":[{"id":"s","type":"trigger","data":{"event":"lead.created","constructor":{}}}],"edges":[]}',
      'nodes[0].data.constructor',
    ],
    [
      'prototype in a condition',
      '/api/workflows/import',
      '{"format":"leadflow.workflow/v1","name":"x","nodes":[{"id":"f","type":"filter","data":{"condition":{"prototype":[1]}}}],"edges":[]}',
      'nodes[0].data.condition.prototype',
    ],
    [
      '__proto__ at the top',
      '/api/fields',
      '{"key":"tier","label":"Tier","type":"text","__proto__":{"type":"number"}}',
      '__proto__',
    ],
    [
      'constructor in a working week',
      '/api/managers',
      '{"name":"x","email":"x@example.com","workingHours":{"timezone":"UTC","days":{"constructor":[]}}}',
      'workingHours.days.constructor',
    ],
  ])('refuses %s with its path', async (_what, path, body, at) => {
    expect(expectRefusal(await sendRaw(t.url, 'POST', path, body)).map((issue) => issue.path)).toEqual([at]);
  });

  it('refuses a body that is not UTF-8 with a 400 and an issue', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"fields":{"name":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}'),
    ]);
    const before = (await t.http.get('/api/leads?limit=1000').expect(200)).body.length;
    expect(expectRefusal(await sendRaw(t.url, 'POST', '/api/leads', bytes))).toEqual([
      { code: 'invalid_encoding', path: '', message: 'the body is not valid UTF-8' },
    ]);
    expect((await t.http.get('/api/leads?limit=1000').expect(200)).body).toHaveLength(before);
  });

  it('refuses a path with %FF with a 400 and an issue', async () => {
    expectRefusal(await sendRaw(t.url, 'GET', '/api/leads/%FF'));
    expectRefusal(await sendRaw(t.url, 'DELETE', '/api/leads/x/tags/%FF'));
  });

  it.each([
    ['/api/runs?leadId=a&leadId=b', 'leadId'],
    ['/api/runs?workflowId=a&workflowId=b', 'workflowId'],
    ['/api/runs?limit=1&limit=2', 'limit'],
    ['/api/leads?offset=1&offset=2', 'offset'],
    ['/api/runs?limit=-1', 'limit'],
    ['/api/leads?limit=1e400', 'limit'],
    ['/api/runs?status=__proto__', 'status'],
  ])('refuses the query %s with a 400 naming %s', async (path, key) => {
    expect(expectRefusal(await sendRaw(t.url, 'GET', path)).map((issue) => issue.path)).toEqual([key]);
  });

  it('ignores prototype words among the query keys', async () => {
    for (const path of [
      '/api/runs?__proto__=x&constructor=y&prototype=z',
      '/api/leads?__proto__[limit]=5000',
      '/api/runs?toString=1&hasOwnProperty=2',
    ]) {
      expect((await sendRaw(t.url, 'GET', path)).status).toBe(200);
    }
  });

  describe('tags', () => {
    it('refuses a 101st tag through the API (422) and adds none past 100 in a workflow, saying so in the step', async () => {
      const tags = Array.from({ length: 100 }, (_, i) => `t${i}`);
      const full = await t.createLead({ name: 'Full' }, tags);
      const res = await sendRaw(t.url, 'POST', `/api/leads/${full.id}/tags`, '{"tag":"one-more"}');
      expectRefusal(res, 422);
      await t.http.post(`/api/leads/${full.id}/tags`).send({ tag: 't7' }).expect(200);

      const workflow = await t.createWorkflow({
        format: 'leadflow.workflow/v1',
        name: 'Tag on update',
        nodes: [
          { id: 'start', type: 'trigger', data: { event: 'lead.fieldUpdated', field: 'status' } },
          { id: 'tag', type: 'addTag', data: { tag: 'updated' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'tag' }],
      });
      await t.http
        .patch(`/api/leads/${full.id}`)
        .send({ fields: { status: 'Working' } })
        .expect(200);
      await t.settle();
      expect((await t.http.get(`/api/leads/${full.id}`).expect(200)).body.tags).toEqual(tags);
      const [run] = await t.runs({ leadId: full.id, workflowId: workflow.id });
      expect(run.steps.find((step) => step.nodeId === 'tag')).toMatchObject({
        outcome: 'unchanged',
        detail: { tag: 'updated', reason: 'the lead has 100 tags, the most it can hold' },
      });
      await t.http.post(`/api/workflows/${workflow.id}/deactivate`).expect(200);
    });
  });

  it('lists runs newest first by id after the clock steps back', async () => {
    const workflow = await t.createWorkflow(workflowFile('Clock'));
    try {
      const older = await t.createLead({ name: 'Before the step' });
      await t.settle();
      // The system clock steps back an hour (an NTP correction): what is stored next looks older.
      clockOffset = 3_600_000;
      const newer = await t.createLead({ name: 'After the step' });
      await t.settle();
      const runs = (await t.runs({ workflowId: workflow.id })).map((run) => run.leadId);
      expect(runs).toEqual([newer.id, older.id]);
    } finally {
      clockOffset = 0;
      await t.http.post(`/api/workflows/${workflow.id}/deactivate`).expect(200);
    }
  });
});
