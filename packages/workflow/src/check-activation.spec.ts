import { checkActivation } from './check-activation';
import type { Workflow } from './schema';

type Nodes = Workflow['nodes'];
const at = { x: 0, y: 0 };
const trigger = (id: string): Nodes[number] => ({
  id,
  type: 'trigger',
  position: at,
  data: { event: 'lead.created' },
});
const tag = (id: string): Nodes[number] => ({ id, type: 'addTag', position: at, data: { tag: id } });
const assign = (id: string, values: string[]): Nodes[number] => ({
  id,
  type: 'updateField',
  position: at,
  data: { field: 'manager', operation: 'replaceWithOneOf', values },
});
const graph = (nodes: Nodes, pairs: string): Pick<Workflow, 'nodes' | 'edges'> => ({
  nodes,
  edges: pairs
    .split(' ')
    .filter(Boolean)
    .map((pair, index) => {
      const [source, target] = pair.split('>');
      return { id: `e${index}`, source, target };
    }),
});

describe(checkActivation.name, () => {
  it('accepts a tree and a diamond', () => {
    expect(checkActivation(graph([trigger('t'), tag('a'), tag('b')], 't>a t>b'))).toEqual([]);
    expect(checkActivation(graph([trigger('t'), tag('a'), tag('b'), tag('c')], 't>a t>b a>c b>c'))).toEqual(
      [],
    );
  });

  it('wants a trigger', () => {
    expect(checkActivation(graph([tag('a')], ''))).toEqual([
      { code: 'no_trigger', path: 'nodes', message: expect.stringContaining('has no trigger') },
    ]);
  });

  it('names each trigger after the first', () => {
    expect(checkActivation(graph([trigger('t'), trigger('u'), trigger('v')], ''))).toEqual([
      {
        code: 'extra_trigger',
        path: 'nodes[1]',
        nodeId: 'u',
        message: '"u" is a second trigger: a workflow has exactly one ("t")',
      },
      {
        code: 'extra_trigger',
        path: 'nodes[2]',
        nodeId: 'v',
        message: '"v" is a second trigger: a workflow has exactly one ("t")',
      },
    ]);
  });

  it('refuses an edge into the trigger', () => {
    const problems = checkActivation(graph([trigger('t'), tag('a'), tag('b')], 't>a b>t'));
    expect(problems).toEqual([
      {
        code: 'edge_into_trigger',
        path: 'edges[1].target',
        nodeId: 't',
        message: expect.stringContaining('leads into the trigger "t"'),
      },
      {
        code: 'unreachable',
        path: 'nodes[2]',
        nodeId: 'b',
        message: '"b" cannot be reached from the trigger',
      },
    ]);
  });

  it('names a node on each cycle and the way round', () => {
    const problems = checkActivation(
      graph([trigger('t'), tag('a'), tag('b'), tag('c'), tag('d')], 't>a a>b b>a t>c c>d d>d'),
    );
    expect(problems).toEqual([
      {
        code: 'cycle',
        path: 'nodes[1]',
        nodeId: 'a',
        message: '"a" → "b" → "a" is a cycle: a workflow may not loop back to a node',
      },
      {
        code: 'cycle',
        path: 'nodes[4]',
        nodeId: 'd',
        message: '"d" → "d" is a cycle: a workflow may not loop back to a node',
      },
    ]);
  });

  it('names every node the trigger cannot reach', () => {
    const problems = checkActivation(graph([trigger('t'), tag('a'), tag('b'), tag('c')], 't>a b>c'));
    expect(problems.map((p) => p.nodeId)).toEqual(['b', 'c']);
    expect(problems[0]).toEqual({
      code: 'unreachable',
      path: 'nodes[2]',
      nodeId: 'b',
      message: '"b" cannot be reached from the trigger',
    });
  });

  it('wants 1 to 1,000 values in each replaceWithOneOf', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `r${i}@example.com`);
    const problems = checkActivation(
      graph(
        [trigger('t'), assign('none', []), assign('many', many), assign('ok', many.slice(1))],
        't>none t>many t>ok',
      ),
    );
    expect(problems).toEqual([
      {
        code: 'no_values',
        path: 'nodes[1].data.values',
        nodeId: 'none',
        message: '"none" has no values to give: it needs at least one',
      },
      {
        code: 'too_many_values',
        path: 'nodes[2].data.values',
        nodeId: 'many',
        message: '"many" has 1,001 values: at most 1,000 can be activated',
      },
    ]);
  });

  it('checks 500 nodes and 2,000 edges quickly', () => {
    const nodes = [trigger('n0'), ...Array.from({ length: 499 }, (_, i) => tag(`n${i + 1}`))];
    const edges = Array.from({ length: 2000 }, (_, i) => {
      const source = i % 499;
      return { id: `e${i}`, source: `n${source}`, target: `n${Math.min(499, source + 1 + (i % 7))}` };
    });
    const started = performance.now();
    expect(checkActivation({ nodes, edges })).toEqual([]);
    edges.push({ id: 'back', source: 'n499', target: 'n1' });
    expect(checkActivation({ nodes, edges })).toEqual([
      expect.objectContaining({ nodeId: 'n1', message: expect.stringContaining('is a cycle') }),
    ]);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe(`${checkActivation.name}: unfinished builder rules`, () => {
  it('names the filter whose rule has only half of a between', () => {
    const filter: Nodes[number] = {
      id: 'big-deals',
      type: 'filter',
      position: at,
      data: {
        condition: {
          and: [
            {
              and: [
                { '!': { missing: 'lead.dealValue' } },
                { '<=': [10000, { var: 'lead.dealValue' }, null] },
              ],
            },
          ],
        },
      },
    };
    expect(checkActivation(graph([trigger('t'), filter], 't>big-deals'))).toEqual([
      {
        code: 'incomplete_rule',
        path: 'nodes[1].data.condition.and[0]',
        nodeId: 'big-deals',
        message: expect.stringContaining(
          '"big-deals": the rule "lead.dealValue is between" has only one end',
        ),
      },
    ]);
  });

  it('looks into an eligibility condition too', () => {
    const rotation: Nodes[number] = {
      id: 'r',
      type: 'updateField',
      position: at,
      data: {
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: ['a@example.com'],
        eligibility: {
          condition: {
            and: [
              { and: [{ '!': { missing: 'candidate.name' } }, { '==': [{ var: 'candidate.name' }, null] }] },
            ],
          },
        },
      },
    };
    expect(checkActivation(graph([trigger('t'), rotation], 't>r'))).toEqual([
      expect.objectContaining({ nodeId: 'r', path: 'nodes[1].data.eligibility.condition.and[0]' }),
    ]);
  });
});
