import fc from 'fast-check';
import { DATABASES, startTestServer, type TestServer } from './harness';
import { expectIssues, sendRaw } from './raw-request';

/**
 * Every write route, fed generated hostile JSON: nesting up to 5,000 levels, wide objects,
 * `__proto__`/`constructor`/`prototype` keys at random places, strings and keys up to 900 KB, bytes
 * that are not UTF-8, values of the wrong type. Each must be refused with a 4xx whose body stays
 * under 16 KiB and names its problems with paths, store nothing, and leave the server answering.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

interface Route {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (ids: Ids) => string;
  /** A body the route could take; mutations make it hostile. None: the route takes no body. */
  base?: Json;
  /** Where a string has a length limit, so that a huge one is refused. */
  bounded?: Path[];
}

interface Ids {
  manager: string;
  lead: string;
  workflow: string;
}

const workflowFile: Json = {
  format: 'leadflow.workflow/v1',
  name: 'Hostile',
  nodes: [
    { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
    { id: 'tag', type: 'addTag', data: { tag: 'seen' } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'tag' }],
};
const workflowBounded: Path[] = [
  ['format'],
  ['name'],
  ['nodes', 0, 'id'],
  ['nodes', 0, 'data', 'event'],
  ['nodes', 1, 'data', 'tag'],
  ['edges', 0, 'source'],
];

// Every write route of apps/server/src/controllers.ts.
const ROUTES: Record<string, Route> = {
  'POST /api/fields': {
    method: 'POST',
    path: () => '/api/fields',
    base: { key: 'tier', label: 'Tier', type: 'select', options: ['Gold'] },
    bounded: [['key'], ['label'], ['type']],
  },
  'POST /api/managers': {
    method: 'POST',
    path: () => '/api/managers',
    base: {
      name: 'Zed',
      email: 'zed@example.com',
      attributes: { region: 'EU' },
      workingHours: { timezone: 'UTC', days: { mon: ['09:00-17:00'] } },
    },
    bounded: [['name'], ['email'], ['workingHours', 'timezone'], ['workingHours', 'days', 'mon', 0]],
  },
  'PATCH /api/managers/:id': {
    method: 'PATCH',
    path: (ids) => `/api/managers/${ids.manager}`,
    base: { name: 'Renamed', attributes: { region: 'US' } },
    bounded: [['name']],
  },
  'DELETE /api/managers/:id': { method: 'DELETE', path: (ids) => `/api/managers/${ids.manager}` },
  'POST /api/leads': {
    method: 'POST',
    path: () => '/api/leads',
    base: { fields: { name: 'Acme', dealValue: 5 }, tags: ['web'] },
    bounded: [
      ['fields', 'name'],
      ['tags', 0],
    ],
  },
  'PATCH /api/leads/:id': {
    method: 'PATCH',
    path: (ids) => `/api/leads/${ids.lead}`,
    base: { fields: { name: 'Renamed' } },
    bounded: [['fields', 'name']],
  },
  'POST /api/leads/:id/tags': {
    method: 'POST',
    path: (ids) => `/api/leads/${ids.lead}/tags`,
    base: { tag: 'hot' },
    bounded: [['tag']],
  },
  'DELETE /api/leads/:id/tags/:tag': { method: 'DELETE', path: (ids) => `/api/leads/${ids.lead}/tags/seed` },
  'POST /api/workflows': {
    method: 'POST',
    path: () => '/api/workflows',
    base: workflowFile,
    bounded: workflowBounded,
  },
  'POST /api/workflows/import': {
    method: 'POST',
    path: () => '/api/workflows/import',
    base: workflowFile,
    bounded: workflowBounded,
  },
  'PUT /api/workflows/:id': {
    method: 'PUT',
    path: (ids) => `/api/workflows/${ids.workflow}`,
    base: workflowFile,
    bounded: workflowBounded,
  },
  'POST /api/workflows/:id/activate': {
    method: 'POST',
    path: (ids) => `/api/workflows/${ids.workflow}/activate`,
  },
  'POST /api/workflows/:id/deactivate': {
    method: 'POST',
    path: (ids) => `/api/workflows/${ids.workflow}/deactivate`,
  },
  'DELETE /api/workflows/:id': { method: 'DELETE', path: (ids) => `/api/workflows/${ids.workflow}` },
};

// Placeholders replaced in the serialised body by raw JSON text (deep nests, keys JSON.stringify
// would not write) or by raw bytes (not UTF-8).
const RAW_KEY = '@@raw-key@@';
const RAW_VALUE = '@@raw-value@@';
const BAD_BYTES = '@@bad-bytes@@';

type Mutation =
  | { kind: 'deep'; at: number; levels: number; arrays: boolean }
  | { kind: 'prototypeKey'; at: number; key: string; wide: number; position: number }
  | { kind: 'notUtf8'; at: number; bytes: readonly number[] }
  | { kind: 'hugeString'; at: number; length: number }
  | { kind: 'hugeKey'; at: number; length: number }
  | { kind: 'wideUnknown'; keys: number }
  | { kind: 'wrongType'; at: number; value: Json };

/** Mutations that the body check refuses on any route; with a base body, also those its schema refuses. */
function mutations(withBody: boolean): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const parseLevel = [
    fc.record({
      kind: fc.constant('deep' as const),
      at,
      levels: fc.integer({ min: 257, max: 5000 }),
      arrays: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('prototypeKey' as const),
      at,
      key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
      wide: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000 })),
      position: fc.nat(),
    }),
    fc.record({
      kind: fc.constant('notUtf8' as const),
      at,
      bytes: fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80]),
    }),
  ];
  if (!withBody) return fc.oneof(...parseLevel);
  return fc.oneof(
    ...parseLevel,
    fc.record({
      kind: fc.constant('hugeString' as const),
      at,
      length: fc.integer({ min: 10_001, max: 900_000 }),
    }),
    fc.record({ kind: fc.constant('hugeKey' as const), at, length: fc.integer({ min: 65, max: 900_000 }) }),
    fc.record({ kind: fc.constant('wideUnknown' as const), keys: fc.integer({ min: 1, max: 20_000 }) }),
    fc.record({ kind: fc.constant('wrongType' as const), at, value: fc.constantFrom<Json>(123, -1.5, true) }),
  );
}

/** Paths of every value under `root` (objects: `objectsOnly`), in document order. */
function pathsOf(root: Json, objectsOnly: boolean): Path[] {
  const out: Path[] = [];
  const walk = (value: Json, path: Path) => {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!objectsOnly || isObject) out.push(path);
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (isObject) for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(root, []);
  return out;
}

const pick = <T>(items: T[], n: number): T => items[n % items.length];

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let owner = copy;
  for (const key of path.slice(0, -1)) owner = owner[key] as Record<string | number, Json>;
  owner[path[path.length - 1]] = value;
  return copy;
}

/** The body's bytes for a route's base body and one mutation (no base: a small object stands in). */
function hostileBody(base: Json | undefined, route: Route, mutation: Mutation): Buffer {
  const document: Json = base ?? { note: 'no body needed here' };
  let raw = '';
  let doc: Json;
  switch (mutation.kind) {
    case 'deep': {
      doc = setAt(document, pick(pathsOf(document, false), mutation.at), RAW_VALUE);
      const levels = mutation.levels;
      raw = mutation.arrays
        ? '['.repeat(levels) + ']'.repeat(levels)
        : '{"a":'.repeat(levels - 1) + '{}' + '}'.repeat(levels - 1);
      break;
    }
    case 'prototypeKey': {
      const path = pick(pathsOf(document, true), mutation.at);
      const wide = Array.from({ length: mutation.wide }, (_, i) => `"w${i}":${i}`);
      wide.splice(mutation.position % (wide.length + 1), 0, `"${mutation.key}":{"polluted":true}`);
      doc = setAt(document, [...path, RAW_KEY], RAW_VALUE);
      raw = wide.join(',');
      break;
    }
    case 'notUtf8':
      doc = setAt(document, pick(pathsOf(document, false), mutation.at), BAD_BYTES);
      break;
    case 'hugeString':
      doc = setAt(document, pick(route.bounded!, mutation.at), 'x'.repeat(mutation.length));
      break;
    case 'hugeKey':
      doc = setAt(document, [...pick(pathsOf(document, true), mutation.at), 'k'.repeat(mutation.length)], 1);
      break;
    case 'wideUnknown':
      doc = {
        ...(document as Record<string, Json>),
        ...Object.fromEntries(Array.from({ length: mutation.keys }, (_, i) => [`unknown${i}`, i])),
      };
      break;
    case 'wrongType': {
      const keys = Object.keys(document as Record<string, Json>);
      doc = setAt(document, [pick(keys, mutation.at)], mutation.value);
      break;
    }
  }
  let text = JSON.stringify(doc);
  if (mutation.kind === 'prototypeKey') text = text.replace(`"${RAW_KEY}":"${RAW_VALUE}"`, raw);
  if (mutation.kind === 'deep') text = text.replace(`"${RAW_VALUE}"`, raw);
  if (mutation.kind === 'notUtf8') {
    const [before, after] = text.split(`"${BAD_BYTES}"`);
    return Buffer.concat([
      Buffer.from(`${before}"a`),
      Buffer.from(mutation.bytes),
      Buffer.from(`b"${after}`),
    ]);
  }
  return Buffer.from(text);
}

describe.each(DATABASES)('hostile bodies on every write route (%s)', (database) => {
  let t: TestServer;
  let ids: Ids;
  let before: string;

  // What a refused write must leave as it was.
  const snapshot = async () => {
    const paths = [
      '/api/leads?limit=1000',
      '/api/managers',
      '/api/fields',
      '/api/workflows',
      `/api/workflows/${ids.workflow}`,
      `/api/leads/${ids.lead}`,
      '/api/runs?limit=1000',
    ];
    const bodies = await Promise.all(paths.map(async (path) => (await t.http.get(path).expect(200)).body));
    return JSON.stringify(bodies);
  };

  beforeAll(async () => {
    t = await startTestServer({}, database);
    const manager = await t.createManager('kept@example.com', { attributes: { region: 'EU' } });
    const lead = await t.createLead({ name: 'Kept' }, ['seed']);
    const workflow = await t.createWorkflow(workflowFile as object, false);
    ids = { manager: manager.id, lead: lead.id, workflow: workflow.id };
    before = await snapshot();
  });
  afterAll(() => t.stop());

  // PostgreSQL runs a few of each kind on a subset: the body check is the same code on both.
  const routes =
    database === 'sqlite'
      ? Object.keys(ROUTES)
      : [
          'POST /api/leads',
          'PATCH /api/managers/:id',
          'PUT /api/workflows/:id',
          'POST /api/workflows/:id/activate',
        ];
  const numRuns = database === 'sqlite' ? 25 : 6;

  it.each(routes)('%s refuses hostile JSON, stores nothing and keeps answering', async (name) => {
    const route = ROUTES[name];
    await fc.assert(
      fc.asyncProperty(mutations(route.base !== undefined), async (mutation) => {
        const body = hostileBody(route.base, route, mutation);
        const res = await sendRaw(t.url, route.method, route.path(ids), body);
        expect({ mutation: mutation.kind, status: res.status }).toEqual({
          mutation: mutation.kind,
          status: body.length > 1024 * 1024 ? 413 : 400,
        });
        expect(res.bytes).toBeLessThan(16 * 1024);
        if (res.status === 400) expectIssues(res.json);
        expect(await snapshot()).toBe(before);
        await t.http.get('/api/health').expect(200, { status: 'ok' });
      }),
      { numRuns },
    );
  });
});
