import { apiErrorSchema, ERROR_CODES } from '@leadflow/api';
import { PROBLEM_CODES } from '@leadflow/workflow';
import { DATABASES, roundRobin, startTestServer, type TestServer } from './harness';

describe.each(DATABASES)('error codes (%s)', (database) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, database);
  });
  afterAll(() => t.stop());

  /** The body of a refusal: the api.md shape, plus a code from the one list. */
  const refusal = (body: unknown) => {
    expect(apiErrorSchema.safeParse(body).error?.issues ?? []).toEqual([]);
    expect(ERROR_CODES).toContain((body as { code: string }).code);
    return body as { code: string; statusCode: number };
  };

  it('names each kind of refusal with its code, keeping status, error, message and issues', async () => {
    const http = t.http;
    const invalid = refusal(
      (
        await http
          .post('/api/leads')
          .send({ fields: { dealValue: 'lots' } })
          .expect(400)
      ).body,
    );
    expect(invalid).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_request',
      issues: [{ path: 'fields.dealValue' }],
    });
    expect(
      refusal(
        (
          await http
            .post('/api/leads')
            .set('Content-Type', 'application/json')
            .send('{"fields": ')
            .expect(400)
        ).body,
      ),
    ).toMatchObject({
      code: 'invalid_json',
      issues: [{ path: '' }],
    });
    expect(refusal((await http.get('/api/runs?status=done').expect(400)).body).code).toBe('invalid_request');
    expect(refusal((await http.get('/api/leads/nope').expect(404)).body).code).toBe('not_found');
    expect(refusal((await http.get('/api/nope').expect(404)).body).code).toBe('route_not_found');
    await http.post('/api/managers').send({ name: 'Ada', email: 'ada@example.com' }).expect(201);
    expect(
      refusal(
        (await http.post('/api/managers').send({ name: 'Ada', email: 'ADA@example.com' }).expect(409)).body,
      ).code,
    ).toBe('conflict');
    expect(
      refusal(
        (
          await http
            .post('/api/leads')
            .send({ fields: { name: 'x'.repeat(1_100_000) } })
            .expect(413)
        ).body,
      ).code,
    ).toBe('body_too_large');
    expect(
      refusal(
        (await http.post('/api/leads').set('Content-Type', 'application/xml').send('<lead/>').expect(415))
          .body,
      ).code,
    ).toBe('unsupported_media_type');
    const incomplete = (
      await http
        .post('/api/workflows')
        .send({ ...roundRobin([]), nodes: [{ id: 'lonely', type: 'addTag', data: { tag: 'x' } }], edges: [] })
        .expect(201)
    ).body;
    expect(refusal((await http.post(`/api/workflows/${incomplete.id}/activate`).expect(422)).body).code).toBe(
      'unprocessable',
    );
  });

  it('names the kind of each problem in `issues` with a code from PROBLEM_CODES', async () => {
    const http = t.http;
    const lead = refusal((await http.post('/api/leads').send({ fields: {}, extra: 1 }).expect(400)).body);
    expect(lead).toMatchObject({ issues: [{ code: 'unknown_property', path: '' }] });
    const json = refusal(
      (await http.post('/api/leads').set('Content-Type', 'application/json').send('{"fields": ').expect(400))
        .body,
    );
    expect(json).toMatchObject({ issues: [{ code: 'invalid_json' }] });
    const file = roundRobin([]);
    const nodes = file.nodes as unknown[];
    const broken = refusal(
      (
        await http
          .post('/api/workflows')
          .send({ ...file, nodes: [...nodes, { id: 'mail', type: 'sendEmail', data: {} }] })
          .expect(400)
      ).body,
    );
    expect(broken).toMatchObject({
      issues: [{ code: 'unknown_node_type', path: `nodes[${nodes.length}].type` }],
    });
    const incomplete = (
      await http
        .post('/api/workflows')
        .send({ ...file, nodes: [{ id: 'lonely', type: 'addTag', data: { tag: 'x' } }], edges: [] })
        .expect(201)
    ).body;
    expect(incomplete.problems).toEqual([
      { code: 'no_trigger', path: 'nodes', message: expect.stringContaining('has no trigger') },
    ]);
    const activation = refusal(
      (await http.post(`/api/workflows/${incomplete.id}/activate`).expect(422)).body,
    );
    expect(activation).toMatchObject({ issues: [{ code: 'no_trigger', path: 'nodes' }] });
    for (const issue of (activation as { issues?: Array<{ code: string }> }).issues ?? [])
      expect(PROBLEM_CODES).toContain(issue.code);
  });
});
