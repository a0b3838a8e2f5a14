import type { WorkflowNode } from './schema';
import { sourceHandleProblem } from './source-handle';

const filter: WorkflowNode = { id: 'f', type: 'filter', data: { condition: true } };
const split: WorkflowNode = {
  id: 's',
  type: 'split',
  data: {
    branches: [
      { id: 'A', percent: 50 },
      { id: 'B', percent: 50 },
    ],
  },
};
const assign: WorkflowNode = {
  id: 'a',
  type: 'updateField',
  data: { field: 'manager', operation: 'replaceWithOneOf', values: [] },
};
const set: WorkflowNode = {
  id: 'x',
  type: 'updateField',
  data: { field: 'status', operation: 'set', value: 'New' },
};
const tag: WorkflowNode = { id: 't', type: 'addTag', data: { tag: 'hot' } };

describe(sourceHandleProblem.name, () => {
  it.each([
    [filter, undefined],
    [filter, 'pass'],
    [filter, 'fail'],
    [split, 'A'],
    [split, 'B'],
    [assign, undefined],
    [assign, 'none'],
    [set, undefined],
    [tag, undefined],
  ])('lets an edge leave %j by %s', (node, handle) => {
    expect(sourceHandleProblem(node, handle)).toBeNull();
  });

  it.each([
    [filter, 'yes', 'by "pass" or "fail"'],
    [split, undefined, 'must name one of its branches: "A", "B"'],
    [split, 'C', '"C" is not a branch of the split "s"'],
    [assign, 'pass', 'by "none"'],
    [set, 'none', 'the updateField node "x" has one way out'],
    [tag, 'fail', 'the addTag node "t" has one way out'],
  ])('refuses an edge leaving %j by %s', (node, handle, fragment) => {
    expect(sourceHandleProblem(node, handle)).toContain(fragment);
  });
});
