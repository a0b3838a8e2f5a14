import { checkNode } from './check-node';
import type { ProblemCode } from './problem';
import type { WorkflowNode } from './schema';
import { resolveContext } from './workflow-context';

const context = resolveContext({ managerEmails: ['ada@example.com'] });

describe(checkNode.name, () => {
  it('accepts a sound node', () => {
    const node: WorkflowNode = { id: 'w', type: 'wait', data: { duration: 'PT2H' } };
    expect(checkNode(node, 'nodes[3]', context)).toEqual([]);
  });

  it.each([
    [
      { id: 'f', type: 'filter', data: { condition: { log: 1 } } },
      'nodes[1].data.condition',
      'unsafe_condition',
    ],
    [
      { id: 'w', type: 'wait', data: { duration: 'PT0S' } },
      'nodes[1].data.duration',
      'duration_out_of_range',
    ],
    [
      {
        id: 's',
        type: 'split',
        data: {
          branches: [
            { id: 'A', percent: 60 },
            { id: 'B', percent: 60 },
          ],
        },
      },
      'nodes[1].data.branches',
      'percents_not_100',
    ],
    [
      {
        id: 'u',
        type: 'updateField',
        data: { field: 'status', operation: 'replaceWithOneOf', values: ['a'], sticky: { by: 'company' } },
      },
      'nodes[1].data.sticky',
      'not_applicable',
    ],
  ] as Array<[WorkflowNode, string, ProblemCode]>)(
    'hands %j to the check of its kind',
    (node, path, code) => {
      expect(checkNode(node, 'nodes[1]', context)).toEqual([{ code, path, message: expect.any(String) }]);
    },
  );

  it('reports the options and the values of one node together', () => {
    const node: WorkflowNode = {
      id: 'u',
      type: 'updateField',
      data: {
        field: 'manager',
        operation: 'replaceWithOneOf',
        values: ['ada@example.com', 'zed@example.com'],
        weights: [1, 1],
      },
    };
    expect(checkNode(node, 'nodes[1]', context).map((p) => p.path)).toEqual([
      'nodes[1].data.weights',
      'nodes[1].data.values',
    ]);
  });
});
