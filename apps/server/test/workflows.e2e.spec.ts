import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_TEAM, EXAMPLES_DIR, roundRobin, startTestServer, type TestServer, DATABASES } from './harness';

const example = (name: string) => JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8'));

describe.each(DATABASES)('workflows API (%s)', (database) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, database);
    for (const email of DEMO_TEAM) await t.createManager(email);
  });
  afterAll(() => t.stop());

  it('creates an inactive version 1 with its problems and normalised definition', async () => {
    const res = await t.http.post('/api/workflows').send(example('round-robin.workflow.json')).expect(201);
    expect(res.body).toMatchObject({
      name: 'Round robin for every new lead',
      active: false,
      version: 1,
      problems: [],
    });
    expect(res.body.definition.format).toBe('leadflow.workflow/v1');
    const list = (await t.http.get('/api/workflows').expect(200)).body;
    const item = list.find((w: { id: string }) => w.id === res.body.id);
    expect(item).toMatchObject({ name: 'Round robin for every new lead', active: false, version: 1 });
    expect(item.definition).toBeUndefined();
  });

  it('imports a file without positions and lays it out', async () => {
    const file = roundRobin(['ada@example.com']);
    const res = await t.http.post('/api/workflows/import').send(file).expect(201);
    for (const node of res.body.definition.nodes)
      expect(node.position).toEqual({ x: expect.any(Number), y: expect.any(Number) });
  });

  it('refuses an invalid file whole, with one issue per problem and its path, storing nothing', async () => {
    const before = (await t.http.get('/api/workflows')).body.length;
    const file = example('round-robin.workflow.json');
    file.format = 'leadflow.workflow/v2';
    file.nodes[1].data.values = ['ada@example.com', 'ghost@example.com', 'nobody@example.com'];
    file.edges.push({ id: 'e9', source: 'start', target: 'missing' });
    const res = await t.http.post('/api/workflows/import').send(file).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['format', 'edges[1].target']));
    expect(paths.some((p: string) => p.startsWith('nodes[1].data.values'))).toBe(true);
    const emails = res.body.issues.find((i: { path: string }) =>
      i.path.startsWith('nodes[1].data.values'),
    ).message;
    expect(emails).toContain('ghost@example.com');
    expect(res.body.issues.find((i: { path: string }) => i.path === 'format').message).toContain(
      'leadflow.workflow/v1',
    );
    expect((await t.http.get('/api/workflows')).body.length).toBe(before);
  });

  it('saves new versions, and refuses a stale one with If-Match (409)', async () => {
    const w = (
      await t.http
        .post('/api/workflows')
        .send(roundRobin(['ada@example.com'], 'Versions'))
        .expect(201)
    ).body;
    const v2 = await t.http
      .put(`/api/workflows/${w.id}`)
      .set('If-Match', '1')
      .send(roundRobin(['bo@example.com'], 'Versions 2'))
      .expect(200);
    expect(v2.body).toMatchObject({ version: 2, name: 'Versions 2' });
    const stale = await t.http
      .put(`/api/workflows/${w.id}`)
      .set('If-Match', '1')
      .send(roundRobin(['cy@example.com'], 'Stale'))
      .expect(409);
    expect(stale.body.message).toContain('Version 2');
    expect((await t.http.get(`/api/workflows/${w.id}`)).body.version).toBe(2);
    await t.http
      .put('/api/workflows/unknown')
      .send(roundRobin(['ada@example.com']))
      .expect(404);
  });

  it('refuses to activate an incomplete workflow (422), naming each node', async () => {
    const file = roundRobin([], 'Draft');
    (file.nodes as unknown[]).push({ id: 'orphan', type: 'addTag', data: { tag: 'x' } });
    const w = (await t.http.post('/api/workflows').send(file).expect(201)).body;
    expect(w.problems.length).toBeGreaterThanOrEqual(2);
    const res = await t.http.post(`/api/workflows/${w.id}/activate`).expect(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    const nodes = res.body.issues.map((i: { nodeId?: string }) => i.nodeId);
    expect(nodes).toEqual(expect.arrayContaining(['assign', 'orphan']));
    expect((await t.http.get(`/api/workflows/${w.id}`)).body.active).toBe(false);
  });

  it('refuses to save an active workflow in a state that cannot run (422)', async () => {
    const w = await t.createWorkflow(roundRobin(['ada@example.com'], 'Active one'));
    await t.http.put(`/api/workflows/${w.id}`).send(roundRobin([], 'Active one')).expect(422);
    expect((await t.http.get(`/api/workflows/${w.id}`)).body.version).toBe(1);
    await t.http.post(`/api/workflows/${w.id}/deactivate`).expect(200);
  });

  it('exports with the download header, and export → import → export is identical', async () => {
    for (const name of readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.workflow.json'))) {
      const w = (await t.http.post('/api/workflows/import').send(example(name)).expect(201)).body;
      const first = await t.http.get(`/api/workflows/${w.id}/export`).expect(200);
      expect(first.headers['content-disposition']).toBe(`attachment; filename="${w.name}.workflow.json"`);
      const again = (await t.http.post('/api/workflows/import').send(first.body).expect(201)).body;
      const second = await t.http.get(`/api/workflows/${again.id}/export`).expect(200);
      expect(second.text).toBe(first.text);
    }
  });

  it('deletes (204), then 404', async () => {
    const w = (
      await t.http
        .post('/api/workflows')
        .send(roundRobin(['ada@example.com'], 'Doomed'))
        .expect(201)
    ).body;
    await t.http.delete(`/api/workflows/${w.id}`).expect(204);
    await t.http.get(`/api/workflows/${w.id}`).expect(404);
    await t.http.delete(`/api/workflows/${w.id}`).expect(404);
  });
});
