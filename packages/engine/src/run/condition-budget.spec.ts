import { compileWorkflow } from '../graph/compile-workflow';
import { addTag, created, filter, lead, MemoryPorts, trigger, workflowFile } from '../../test/fixtures';
import { CONDITION_BUDGET_REASON, startRun } from './run-workflow';

const deep = (depth: number): unknown => {
  let rule: unknown = false;
  for (let i = 0; i < depth; i++) rule = { some: [[0, 1], rule] };
  return rule;
};

describe('a run and its condition budget', () => {
  it('ends failed with conditionBudget at the filter whose condition goes over (the server then keeps none of its changes)', () => {
    const workflow = compileWorkflow(
      workflowFile(
        [trigger(), addTag('before'), filter('bomb', deep(30)), addTag('after')],
        [
          ['start', 'before'],
          ['before', 'bomb'],
          ['bomb', 'after'],
          ['bomb', 'after', 'fail'],
        ],
      ),
    );
    const result = startRun(workflow, { event: created, lead: lead('l1'), ports: new MemoryPorts() });
    expect(result.status).toBe('failed');
    expect(result.reason).toBe(CONDITION_BUDGET_REASON);
    expect(result.steps.map((s) => s.nodeId)).toEqual(['start', 'before']);
  });

  it('charges all the filters of one run to one budget', () => {
    // Each filter alone costs ~40 operations; together three of them exceed a budget of 100.
    const cheap = { some: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { '==': [{ var: '' }, 0] }] };
    const file = workflowFile(
      [trigger(), filter('f1', cheap), filter('f2', cheap), filter('f3', cheap), addTag('done')],
      [
        ['start', 'f1'],
        ['f1', 'f2', 'fail'],
        ['f2', 'f3', 'fail'],
        ['f3', 'done', 'fail'],
      ],
    );
    const workflow = compileWorkflow(file);
    const small = new MemoryPorts();
    Object.assign(small, { conditionBudget: { operations: 100, memory: 1000 } });
    expect(startRun(workflow, { event: created, lead: lead('l1'), ports: small }).reason).toBe(
      CONDITION_BUDGET_REASON,
    );
    const roomy = new MemoryPorts();
    Object.assign(roomy, { conditionBudget: { operations: 200, memory: 1000 } });
    expect(startRun(workflow, { event: created, lead: lead('l1'), ports: roomy }).status).toBe('completed');
  });
});
