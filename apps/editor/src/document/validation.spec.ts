import type { Field, Manager } from '../api/client';
import { validate } from './validation';

const file = (values: string[], extra: object[] = []) => ({
  format: 'leadflow.workflow/v1',
  name: 'Rotation',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
    {
      id: 'assign',
      type: 'updateField',
      position: { x: 0, y: 150 },
      data: { field: 'manager', operation: 'replaceWithOneOf', values, strategy: 'roundRobin' },
    },
    ...extra,
  ],
  edges: [{ id: 'e1', source: 'start', target: 'assign' }],
});
const managers = [{ email: 'ada@example.com' }] as Manager[];

describe(validate.name, () => {
  it('accepts a complete workflow', () => {
    expect(validate(file(['ada@example.com']), { managers })).toEqual({ save: [], activation: [] });
  });

  it('refuses emails the installation does not know, on their node', () => {
    const { save } = validate(file(['zed@example.com']), { managers });
    expect(save).toHaveLength(1);
    expect(save[0]).toMatchObject({ nodeId: 'assign' });
    expect(save[0].path).toMatch(/^nodes\[1\]\.data\.values/);
    expect(save[0].message).toMatch(/zed@example.com/);
  });

  it('leaves manager emails to the server while managers are not loaded', () => {
    expect(validate(file(['zed@example.com']), {}).save).toEqual([]);
  });

  it('checks the weights of a rotation on any field as on the manager', () => {
    const fields: Field[] = [{ key: 'industry', label: 'Industry', type: 'text' }];
    const industries = (weights: number[]) =>
      file(
        [],
        [
          {
            id: 'industries',
            type: 'updateField',
            position: { x: 300, y: 150 },
            data: {
              field: 'industry',
              operation: 'replaceWithOneOf',
              values: ['Medicine', 'Retail'],
              strategy: 'weighted',
              weights,
            },
          },
        ],
      );
    expect(validate(industries([3, 1]), { fields, managers }).save).toEqual([]);
    const { save } = validate(industries([3]), { fields, managers });
    expect(save).toEqual([
      expect.objectContaining({
        nodeId: 'industries',
        path: 'nodes[2].data.weights',
        message: expect.stringMatching(/one weight per value/),
      }),
    ]);
  });

  it('reports what blocks activation, naming the node', () => {
    const lonely = { id: 'tag', type: 'addTag', position: { x: 300, y: 0 }, data: { tag: 'x' } };
    const { save, activation } = validate(file([], [lonely]), { managers });
    expect(save).toEqual([]);
    expect(activation.map((problem) => problem.nodeId).sort()).toEqual(['assign', 'tag']);
  });
});
