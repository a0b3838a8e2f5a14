import { startTestServer, roundRobin, type TestServer, DATABASES } from './harness';

describe.each(DATABASES)('HTTP API (%s)', (database) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({}, database);
  });
  afterAll(() => t.stop());

  describe('health and errors', () => {
    it('answers health', async () => {
      await t.http.get('/api/health').expect(200, { status: 'ok' });
    });

    it('refuses a body over 1 MiB with 413 in the error shape', async () => {
      const res = await t.http
        .post('/api/leads')
        .send({ fields: { name: 'x'.repeat(1_100_000) } })
        .expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    });

    it('refuses malformed JSON with 400 and an issue', async () => {
      const res = await t.http
        .post('/api/leads')
        .set('Content-Type', 'application/json')
        .send('{"fields": ')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', issues: [{ path: '' }] });
    });

    it('takes an empty JSON body as no body: fine where none is needed, a 400 with an issue where one is', async () => {
      const w = (await t.http.post('/api/workflows').send(roundRobin([], 'Empty body')).expect(201)).body;
      await t.http
        .post(`/api/workflows/${w.id}/deactivate`)
        .set('Content-Type', 'application/json')
        .send('')
        .expect(200);
      const res = await t.http
        .post('/api/leads')
        .set('Content-Type', 'application/json')
        .send('')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, issues: [expect.objectContaining({ path: '' })] });
    });

    it('answers 404 in the error shape for an unknown route and id', async () => {
      expect((await t.http.get('/api/nope').expect(404)).body).toMatchObject({
        statusCode: 404,
        error: 'Not Found',
      });
      expect((await t.http.get('/api/leads/unknown').expect(404)).body.message).toContain('unknown');
    });

    it('serves the OpenAPI document', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      expect(res.body.openapi).toBe('3.1.0');
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/leads', '/api/workflows/{id}/export', '/api/runs']),
      );
    });
  });

  describe('fields', () => {
    it('lists the built-in fields', async () => {
      const res = await t.http.get('/api/fields').expect(200);
      const keys = res.body.map((f: { key: string }) => f.key);
      expect(keys).toEqual(
        expect.arrayContaining(['name', 'email', 'company', 'dealValue', 'score', 'manager', 'status']),
      );
      expect(res.body.find((f: { key: string }) => f.key === 'dealValue').type).toBe('number');
    });

    it('adds a custom field and validates lead values against it', async () => {
      await t.http
        .post('/api/fields')
        .send({ key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] })
        .expect(201);
      await t.http
        .post('/api/leads')
        .send({ fields: { tier: 'Gold' } })
        .expect(201);
      const res = await t.http
        .post('/api/leads')
        .send({ fields: { tier: 'Bronze' } })
        .expect(400);
      expect(res.body.issues).toEqual([
        { code: 'invalid_field_value', path: 'fields.tier', message: expect.stringContaining('"Gold"') },
      ]);
    });

    it('refuses a duplicate key (409), a bad key and a reserved key (400)', async () => {
      await t.http.post('/api/fields').send({ key: 'region', label: 'Region', type: 'text' }).expect(201);
      await t.http.post('/api/fields').send({ key: 'region', label: 'Again', type: 'text' }).expect(409);
      await t.http.post('/api/fields').send({ key: 'company', label: 'Company', type: 'text' }).expect(409);
      const bad = await t.http
        .post('/api/fields')
        .send({ key: 'Bad Key', label: 'x', type: 'text' })
        .expect(400);
      expect(bad.body.issues[0].path).toBe('key');
      const reserved = await t.http
        .post('/api/fields')
        .send({ key: 'constructor', label: 'x', type: 'text' })
        .expect(400);
      expect(reserved.body.issues[0].path).toBe('key');
      const noOptions = await t.http
        .post('/api/fields')
        .send({ key: 'size', label: 'Size', type: 'select' })
        .expect(400);
      expect(noOptions.body.issues[0].path).toBe('options');
    });
  });

  describe('managers', () => {
    it('creates with defaults, stores the email lower-case and adds openLeads', async () => {
      const res = await t.http
        .post('/api/managers')
        .send({ name: 'Zed', email: 'Zed@Example.com' })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Zed',
        email: 'zed@example.com',
        active: true,
        available: true,
        awayUntil: null,
        workingHours: null,
        capacity: null,
        attributes: {},
        openLeads: 0,
      });
      await t.http.get(`/api/managers/${res.body.id}`).expect(200);
      const list = await t.http.get('/api/managers').expect(200);
      expect(list.body.map((m: { email: string }) => m.email)).toContain('zed@example.com');
    });

    it('refuses a duplicate email whatever its case (409)', async () => {
      await t.http.post('/api/managers').send({ name: 'Yan', email: 'yan@example.com' }).expect(201);
      const res = await t.http
        .post('/api/managers')
        .send({ name: 'Yan 2', email: 'YAN@example.com' })
        .expect(409);
      expect(res.body.message).toContain('yan@example.com');
    });

    it('refuses bad input with every problem and its path', async () => {
      const res = await t.http
        .post('/api/managers')
        .send({
          name: '',
          email: 'not-an-email',
          capacity: -1,
          workingHours: { timezone: 'Mars/Olympus', days: { mon: ['09:00-09:00'] } },
          attributes: { x: { y: 1 } },
        })
        .expect(400);
      const paths = res.body.issues.map((i: { path: string }) => i.path).sort();
      expect(paths).toEqual(
        [
          'attributes.x',
          'capacity',
          'email',
          'name',
          'workingHours.days.mon[0]',
          'workingHours.timezone',
        ].sort(),
      );
    });

    it('patches, and refuses to delete a manager who manages leads (409)', async () => {
      const m = await t.createManager('xia@example.com');
      const patched = await t.http
        .patch(`/api/managers/${m.id}`)
        .send({ available: false, capacity: 5, attributes: { region: 'EU' } })
        .expect(200);
      expect(patched.body).toMatchObject({ available: false, capacity: 5, attributes: { region: 'EU' } });
      const lead = await t.createLead({ name: 'Acme', manager: 'XIA@example.com' });
      expect(lead.fields.manager).toBe('xia@example.com');
      expect((await t.http.get(`/api/managers/${m.id}`)).body.openLeads).toBe(1);
      const res = await t.http.delete(`/api/managers/${m.id}`).expect(409);
      expect(res.body.message).toContain('manages 1 lead');
      await t.http
        .patch(`/api/leads/${lead.id}`)
        .send({ fields: { manager: null } })
        .expect(200);
      await t.http.delete(`/api/managers/${m.id}`).expect(204);
      await t.http.get(`/api/managers/${m.id}`).expect(404);
    });

    it('refuses to delete a manager named in a workflow (409)', async () => {
      const m = await t.createManager('wu@example.com');
      await t.createWorkflow(roundRobin(['wu@example.com'], 'Only Wu'), false);
      const res = await t.http.delete(`/api/managers/${m.id}`).expect(409);
      expect(res.body.message).toContain('Only Wu');
    });
  });

  describe('leads', () => {
    it('creates a lead with its fields, tags and a null manager', async () => {
      const lead = await t.createLead({ name: 'Acme', dealValue: 1200, country: 'DE' }, [
        'new',
        'new',
        'web',
      ]);
      expect(lead).toMatchObject({
        fields: { name: 'Acme', dealValue: 1200, country: 'DE', manager: null },
        tags: ['new', 'web'],
      });
      expect(typeof lead.id).toBe('string');
      expect(new Date(lead.createdAt).toISOString()).toBe(lead.createdAt);
      expect((await t.http.get(`/api/leads/${lead.id}`).expect(200)).body).toEqual(lead);
    });

    it('refuses unknown fields and wrong types with their paths, and stores nothing', async () => {
      const before = (await t.http.get('/api/leads?limit=1000')).body.length;
      const res = await t.http
        .post('/api/leads')
        .send({ fields: { nmae: 'x', dealValue: 'a lot', manager: 'ghost@example.com' } })
        .expect(400);
      expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        'fields.dealValue',
        'fields.manager',
        'fields.nmae',
      ]);
      expect((await t.http.get('/api/leads?limit=1000')).body.length).toBe(before);
      await t.http.post('/api/leads').send({ fields: {}, extra: 1 }).expect(400);
      await t.http.post('/api/leads').send({}).expect(400);
    });

    it('lists newest first with limit and offset', async () => {
      const a = await t.createLead({ name: 'A' });
      const b = await t.createLead({ name: 'B' });
      const c = await t.createLead({ name: 'C' });
      const page = (await t.http.get('/api/leads?limit=3').expect(200)).body;
      expect(page.map((l: { id: string }) => l.id)).toEqual([c.id, b.id, a.id]);
      const next = (await t.http.get('/api/leads?limit=1&offset=1').expect(200)).body;
      expect(next[0].id).toBe(b.id);
      const bad = await t.http.get('/api/leads?limit=0').expect(400);
      expect(bad.body.issues[0].path).toBe('limit');
      expect((await t.http.get('/api/leads?limit=1000')).status).toBe(200);
    });

    it('patches fields: null clears, unchanged values emit nothing', async () => {
      const lead = await t.createLead({ name: 'Acme', status: 'New' });
      const res = await t.http
        .patch(`/api/leads/${lead.id}`)
        .send({ fields: { status: 'New', score: 50, name: null } })
        .expect(200);
      expect(res.body.fields).toEqual({ status: 'New', score: 50, manager: null });
    });

    it('adds a tag once and removes it', async () => {
      const lead = await t.createLead({ name: 'Acme' });
      await t.http.post(`/api/leads/${lead.id}/tags`).send({ tag: 'hot' }).expect(200);
      const again = await t.http.post(`/api/leads/${lead.id}/tags`).send({ tag: 'hot' }).expect(200);
      expect(again.body.tags).toEqual(['hot']);
      const removed = await t.http.delete(`/api/leads/${lead.id}/tags/hot`).expect(200);
      expect(removed.body.tags).toEqual([]);
      await t.http.post(`/api/leads/${lead.id}/tags`).send({ tag: '' }).expect(400);
      await t.http.post('/api/leads/missing/tags').send({ tag: 'x' }).expect(404);
    });
  });
});
