import { BUILT_IN_FIELDS } from '@leadflow/workflow';
import { apiErrorSchema, errorCodeForStatus, ERROR_CODES } from './errors';
import { fieldSchema, newFieldSchema } from './fields';
import { newManagerSchema } from './managers';
import { routes } from './routes';
import { runSchema, stepSchema } from './runs';

describe('the route table', () => {
  it('lists each method and path once, under /api, with its path parameters declared', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of routes) {
      expect(route.path).toMatch(/^\/api\//);
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(route.request?.params?.shape ?? {}).sort()).toEqual(inPath);
    }
  });

  it('gives every write route with a body its 400 and 413', () => {
    for (const route of routes.filter((r) => r.request?.body))
      expect(Object.keys(route.errors)).toEqual(expect.arrayContaining(['400', '413']));
  });
});

describe('fields', () => {
  it('lists the built-in manager field, but a custom field cannot be of type manager', () => {
    for (const field of BUILT_IN_FIELDS) expect(fieldSchema.parse(field)).toEqual(field);
    const refused = newFieldSchema.safeParse({ key: 'owner', label: 'Owner', type: 'manager' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['type'],
      message: 'must be "text", "number", "boolean", "date" or "select"',
    });
  });
});

describe('managers', () => {
  it('stores the email lower-case and refuses an unknown time zone', () => {
    expect(newManagerSchema.parse({ name: 'Ada', email: ' Ada@Example.COM ' }).email).toBe('ada@example.com');
    const refused = newManagerSchema.safeParse({
      name: 'Ada',
      email: 'ada@example.com',
      workingHours: { timezone: 'Mars/Olympus', days: {} },
    });
    expect(refused.error?.issues[0].path).toEqual(['workingHours', 'timezone']);
  });
});

describe('runs', () => {
  const at = '2026-11-30T03:00:00.000Z';
  it('types a step detail by its node type', () => {
    const assignment = {
      nodeId: 'assign',
      type: 'updateField',
      outcome: 'changed',
      detail: {
        field: 'manager',
        from: null,
        to: 'a@x.io',
        given: 'a@x.io',
        strategy: 'roundRobin',
        reason: 'rotation',
        skipped: [{ value: 'b@x.io', reason: 'away' }],
      },
      at,
    };
    expect(stepSchema.parse(assignment)).toEqual(assignment);
    expect(stepSchema.safeParse({ ...assignment, type: 'addTag' }).success).toBe(false);
    expect(
      stepSchema.parse({
        nodeId: 'f',
        type: 'filter',
        outcome: 'pass',
        detail: { values: { country: 'DE' } },
        at,
      }),
    ).toMatchObject({ outcome: 'pass' });
    expect(stepSchema.safeParse({ nodeId: 'f', type: 'filter', outcome: 'changed', at }).success).toBe(false);
  });

  it('knows the five run statuses and no other', () => {
    const run = {
      id: 'r',
      workflowId: 'w',
      workflowVersion: 1,
      leadId: 'l',
      event: { id: '1', type: 'lead.created', depth: 0 },
      startedAt: at,
      finishedAt: null,
      steps: [],
    };
    for (const status of ['running', 'waiting', 'completed', 'failed', 'skipped'])
      expect(runSchema.safeParse({ ...run, status }).success).toBe(true);
    expect(runSchema.safeParse({ ...run, status: 'done' }).success).toBe(false);
  });
});

describe('errors', () => {
  it('has a code for every refusal status, from the one list', () => {
    for (const status of [400, 404, 409, 413, 415, 421, 422, 500, 503])
      expect(ERROR_CODES).toContain(errorCodeForStatus(status));
    expect(
      apiErrorSchema.safeParse({ statusCode: 400, error: 'Bad Request', message: 'x', code: 'nope' }).success,
    ).toBe(false);
  });
});
