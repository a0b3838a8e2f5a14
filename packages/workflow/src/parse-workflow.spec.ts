import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_FIELDS } from './fields';
import { parseWorkflow } from './parse-workflow';

const example = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../../../examples', `${name}.workflow.json`), 'utf8'));
const problemsOf = (input: unknown, context = {}) => {
  const result = parseWorkflow(input, context);
  return result.ok ? [] : result.problems;
};

describe(parseWorkflow.name, () => {
  it('returns the workflow of a valid file', () => {
    const result = parseWorkflow(example('by-location'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.workflow.name).toBe('Route by location');
    expect(result.workflow.nodes).toHaveLength(6);
    expect(result.workflow.edges[1]).toEqual({
      id: 'e2',
      source: 'is-eu',
      sourceHandle: 'pass',
      target: 'eu-team',
    });
  });

  it('lays out the nodes that have no position and keeps the others', () => {
    const file = example('lead-score');
    const expected = file.nodes.map((node: { position: unknown }) => node.position);
    for (const node of file.nodes.slice(1)) delete node.position;
    const result = parseWorkflow(file);
    expect(result.ok && result.workflow.nodes.map((node) => node.position)).toEqual(expected);
  });

  it('leaves a null sourceHandle out', () => {
    const file = example('round-robin');
    file.edges[0].sourceHandle = null;
    const result = parseWorkflow(file);
    expect(result.ok && result.workflow.edges[0]).toEqual({ id: 'e1', source: 'start', target: 'assign' });
  });

  it('returns every problem, not just the first, in document order', () => {
    const file = example('by-location');
    file.name = '';
    file.nodes[1].data.condition = { method: [] };
    file.nodes[2].data.values.push('zed@example.com');
    file.nodes[2].data.stratgy = 'x';
    file.nodes[3].type = 'nope';
    file.edges[0].target = 'ghost';
    file.edges[2].sourceHandle = 'maybe';
    const team = ['ada', 'bo', 'cy', 'di', 'ed', 'fay'].map((name) => `${name}@example.com`);
    expect(problemsOf(file, { managerEmails: team }).map((p) => p.path)).toEqual([
      'name',
      'nodes[1].data.condition',
      'nodes[2].data',
      'nodes[2].data.values',
      'nodes[3].type',
      'edges[0].target',
      'edges[2].sourceHandle',
    ]);
  });

  it('checks what it can of a node whose neighbours are broken', () => {
    const file = example('by-location');
    file.nodes[0].data.event = 'lead.deleted';
    file.nodes[2].data.values = ['ada@example.com', 'ada@example.com'];
    expect(problemsOf(file).map((p) => p.path)).toEqual(['nodes[0].data.event', 'nodes[2].data.values[1]']);
  });

  it('does not blame edges for a node that is only broken inside', () => {
    const file = example('by-location');
    file.nodes[1].data = {};
    expect(problemsOf(file)).toEqual([
      { code: 'required', path: 'nodes[1].data.condition', message: 'is required' },
    ]);
  });

  it('checks fields and managers only against the context it is given', () => {
    const file = example('hot-tag');
    file.nodes[2].data.field = 'priority';
    file.nodes[1].data.values = ['zed@example.com'];
    expect(problemsOf(file)).toEqual([]);
    expect(problemsOf(file, { fields: BUILT_IN_FIELDS, managerEmails: [] })).toEqual([
      {
        code: 'unknown_manager',
        path: 'nodes[1].data.values',
        message: '"zed@example.com" is not a manager of this installation',
      },
      {
        code: 'unknown_field',
        path: 'nodes[2].data.field',
        message: '"priority" is not a field of this installation',
      },
    ]);
  });

  it('accepts custom fields given in the context', () => {
    const file = example('hot-tag');
    Object.assign(file.nodes[2].data, { field: 'tier', value: 'Gold' });
    const fields = [{ key: 'tier', label: 'Tier', type: 'select' as const, options: ['Gold'] }];
    expect(problemsOf(file, { fields })).toEqual([]);
  });

  it('refuses unknown keys everywhere rather than dropping them', () => {
    const file = example('round-robin');
    file.edges[0].sourceHandel = 'none';
    file.nodes[0].postion = { x: 1, y: 1 };
    expect(problemsOf(file)).toEqual([
      { code: 'unknown_property', path: 'nodes[0]', message: 'unknown property "postion"' },
      { code: 'unknown_property', path: 'edges[0]', message: 'unknown property "sourceHandel"' },
    ]);
  });

  it.each([null, 'text', 42, [], undefined])('refuses %j as a document', (input) => {
    expect(problemsOf(input)).toEqual([
      { code: 'invalid_type', path: '', message: expect.stringContaining('must be a workflow') },
    ]);
  });

  it('says what is missing from an empty object', () => {
    expect(problemsOf({})).toEqual([
      { code: 'required', path: 'format', message: 'is required' },
      { code: 'required', path: 'name', message: 'is required' },
      { code: 'required', path: 'nodes', message: 'is required' },
      { code: 'required', path: 'edges', message: 'is required' },
    ]);
  });

  it('reads a node that is not an object as such', () => {
    const file = example('round-robin');
    file.nodes.push(7);
    expect(problemsOf(file)).toEqual([
      { code: 'invalid_type', path: 'nodes[2]', message: expect.stringContaining('must be') },
    ]);
  });

  it('does not read the items of a list that is too long', () => {
    const file = example('round-robin');
    file.nodes = Array.from({ length: 501 }, () => 'junk');
    expect(problemsOf(file)).toEqual([
      { code: 'too_big', path: 'nodes', message: 'must hold at most 500 nodes' },
    ]);
  });

  it('keeps node ids such as __proto__ as plain data', () => {
    const file = example('round-robin');
    file.nodes[1].id = '__proto__';
    file.edges[0].target = '__proto__';
    const result = parseWorkflow(file);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).data).toBeUndefined();
  });

  it('parses 500 nodes and 2,000 edges quickly', () => {
    const nodes = [
      { id: 'start', type: 'trigger', data: { event: 'lead.created' } },
      ...Array.from({ length: 499 }, (_, i) => ({
        id: `n${i}`,
        type: 'filter',
        data: { condition: { '>': [{ var: 'lead.score' }, i] } },
      })),
    ];
    const edges = Array.from({ length: 2000 }, (_, i) => ({
      id: `e${i}`,
      source: i < 499 ? 'start' : `n${i % 498}`,
      sourceHandle: i < 499 ? undefined : i % 2 ? 'pass' : 'fail',
      target: `n${i < 499 ? i : (i % 498) + 1}`,
    }));
    const started = performance.now();
    const result = parseWorkflow({ format: 'leadflow.workflow/v1', name: 'big', nodes, edges });
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
