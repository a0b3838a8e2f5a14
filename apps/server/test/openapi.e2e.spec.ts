import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { routes, type Route } from '@leadflow/api';
import { DATABASES, startTestServer, type TestServer } from './harness';

/**
 * The routes Fastify serves, read from its own route tree (`printRoutes`): `GET /api/leads/{id}` …,
 * without HEAD (Fastify adds it to every GET) and without the editor's catch-all.
 */
function servedRoutes(fastify: FastifyInstance): string[] {
  const served: string[] = [];
  const stack: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│├└─ ]*)(.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4 - 1;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack[depth] = path;
    for (const method of match[3].split(', '))
      if (method !== 'HEAD') served.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return served;
}

/** Validates an OpenAPI document with @seriousme/openapi-schema-validator (ESM only, so in a node of its own). */
function validateOpenApi(document: unknown): { valid: boolean; version: string; errors?: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'leadflow-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const script = `import { Validator } from '@seriousme/openapi-schema-validator';
      const validator = new Validator();
      const result = await validator.validate(process.argv[1]);
      console.log(JSON.stringify({ ...result, version: validator.version }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, file], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
    });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const key = (route: Pick<Route, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;
const routeOf = (method: Route['method'], path: string) =>
  routes.find((r) => r.method === method && r.path === path)!;

describe.each(DATABASES)('the OpenAPI document (%s)', (database) => {
  let t: TestServer;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
  };
  beforeAll(async () => {
    t = await startTestServer({}, database);
    document = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.stop());

  it('documents every route the server serves, and serves every route it documents', () => {
    const fastify = t.server.app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    const served = servedRoutes(fastify).filter(
      (route) => / \/api\//.test(route) && !/ \/api\/docs/.test(route),
    );
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !served.includes(route))).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(validateOpenApi(document)).toEqual({ valid: true, version: '3.1' });
    // The validator itself refuses a broken one.
    expect(validateOpenApi({ ...document, info: { title: 'no version' } }).valid).toBe(false);
  });

  it('offers only the field types POST /api/fields takes, and lists the built-in manager type among those it answers', async () => {
    const types = document.components.schemas.NewField.properties!.type.enum!;
    expect(types).not.toContain('manager');
    await t.http.post('/api/fields').send({ key: 'owner', label: 'Owner', type: 'manager' }).expect(400);
    for (const type of types)
      await t.http
        .post('/api/fields')
        .send({ key: `f${type}`, label: type, type, ...(type === 'select' ? { options: ['A'] } : {}) })
        .expect(201);
    expect(document.components.schemas.Field.properties!.type.enum).toContain('manager');
  });

  it('describes what the server answers: real answers parse with the response schemas', async () => {
    const http = t.http;
    const check = async (method: Route['method'], path: string, url: string, body?: unknown) => {
      const route = routeOf(method, path);
      const res = await http[method](url).send(body as object);
      expect({
        route: key(route),
        status: res.status,
        body: res.status === route.response.status ? undefined : res.body,
      }).toEqual({
        route: key(route),
        status: route.response.status,
        body: undefined,
      });
      const parsed = route.response.schema!.safeParse(res.body);
      expect({ route: key(route), issues: parsed.error?.issues ?? [] }).toEqual({
        route: key(route),
        issues: [],
      });
      return res.body;
    };
    await check('get', '/api/health', '/api/health');
    await check('get', '/api/ready', '/api/ready');
    await check('get', '/api/fields', '/api/fields');
    const ada = await check('post', '/api/managers', '/api/managers', {
      name: 'Ada',
      email: 'Ada@Example.com',
      workingHours: { timezone: 'Europe/Berlin', days: { mon: ['09:00-17:00'] } },
      attributes: { region: 'EU', industries: ['Medicine'] },
    });
    await check('post', '/api/managers', '/api/managers', {
      name: 'Bo',
      email: 'bo@example.com',
      awayUntil: null,
    });
    await check('get', '/api/managers', '/api/managers');
    await check('patch', '/api/managers/{id}', `/api/managers/${ada.id}`, { capacity: 5 });
    const file = {
      format: 'leadflow.workflow/v1',
      name: 'Every step',
      nodes: [
        { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
        { id: 'big', type: 'filter', data: { condition: { '>': [{ var: 'lead.dealValue' }, 100] } } },
        {
          id: 'assign',
          type: 'updateField',
          data: {
            field: 'manager',
            operation: 'replaceWithOneOf',
            values: ['ada@example.com', 'bo@example.com'],
          },
        },
        { id: 'stage', type: 'updateField', data: { field: 'status', operation: 'set', value: 'Qualified' } },
        { id: 'hot', type: 'addTag', data: { tag: 'hot' } },
        { id: 'cold', type: 'removeTag', data: { tag: 'cold' } },
        {
          id: 'ab',
          type: 'split',
          data: {
            branches: [
              { id: 'a', percent: 50 },
              { id: 'b', percent: 50 },
            ],
          },
        },
        { id: 'later', type: 'wait', data: { duration: 'P2D' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'big' },
        { id: 'e2', source: 'big', sourceHandle: 'pass', target: 'assign' },
        { id: 'e3', source: 'assign', target: 'stage' },
        { id: 'e4', source: 'stage', target: 'hot' },
        { id: 'e5', source: 'hot', target: 'cold' },
        { id: 'e6', source: 'cold', target: 'ab' },
        { id: 'e7', source: 'ab', sourceHandle: 'a', target: 'later' },
        { id: 'e8', source: 'ab', sourceHandle: 'b', target: 'later' },
      ],
    };
    const workflow = await check('post', '/api/workflows', '/api/workflows', file);
    await check('put', '/api/workflows/{id}', `/api/workflows/${workflow.id}`, file);
    await check('post', '/api/workflows/{id}/activate', `/api/workflows/${workflow.id}/activate`);
    await check('get', '/api/workflows', '/api/workflows');
    await check('get', '/api/workflows/{id}/export', `/api/workflows/${workflow.id}/export`);
    const lead = await check('post', '/api/leads', '/api/leads', {
      fields: { name: 'Lin', dealValue: 500 },
      tags: ['cold'],
    });
    await check('post', '/api/leads', '/api/leads', { fields: { name: 'Small', dealValue: 5 } });
    await t.settle();
    await check('post', '/api/leads/{id}/tags', `/api/leads/${lead.id}/tags`, { tag: 'vip' });
    await check('delete', '/api/leads/{id}/tags/{tag}', `/api/leads/${lead.id}/tags/vip`);
    await check('patch', '/api/leads/{id}', `/api/leads/${lead.id}`, { fields: { score: 3 } });
    await check('get', '/api/leads', '/api/leads?limit=10');
    await t.settle();
    const runs = await check('get', '/api/runs', `/api/runs?workflowId=${workflow.id}`);
    const types = new Set(
      runs.flatMap((run: { steps: { type: string }[] }) => run.steps.map((step) => step.type)),
    );
    expect([...types].sort()).toEqual([
      'addTag',
      'filter',
      'removeTag',
      'split',
      'trigger',
      'updateField',
      'wait',
    ]);
    await check('get', '/api/runs/{id}', `/api/runs/${runs[0].id}`);
    await check(
      'get',
      '/api/workflows/{id}/nodes/{nodeId}/rotation',
      `/api/workflows/${workflow.id}/nodes/assign/rotation`,
    );
    await check('get', '/api/workflows/{id}/splits/{nodeId}', `/api/workflows/${workflow.id}/splits/ab`);
    await check('post', '/api/workflows/{id}/deactivate', `/api/workflows/${workflow.id}/deactivate`);
  });

  it('describes the refusals: every error body parses with the error schema', async () => {
    const error = routeOf('get', '/api/leads/{id}');
    expect(error.errors[404]).toBeDefined();
    const { apiErrorSchema } = await import('@leadflow/api');
    for (const res of [
      await t.http.get('/api/leads/nope').expect(404),
      await t.http.get('/api/nope').expect(404),
      await t.http
        .post('/api/leads')
        .send({ fields: { nope: 1 } })
        .expect(400),
      await t.http.post('/api/leads').set('Content-Type', 'application/json').send('{').expect(400),
    ]) {
      expect(apiErrorSchema.safeParse(res.body).error?.issues ?? []).toEqual([]);
    }
  });
});
