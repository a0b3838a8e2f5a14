import { checkCondition, CONDITION_BUDGET } from './check-condition';

const AT = 'nodes[1].data.condition';
const thousand = Array.from({ length: 1000 }, (_, i) => i);

describe('checkCondition and the condition budget', () => {
  it('refuses iterations over lists in the rule whose product is certain to exceed the budget, at the deepest such operation', () => {
    const rule = { map: [thousand, { map: [thousand, { map: [thousand, 1] }] }] };
    const problems = checkCondition(rule, AT);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('condition_over_budget');
    expect(problems[0].path).toBe(`${AT}.map[1]`);
    expect(problems[0].message).toMatch(
      /at least 2,004,002 operations, more than the 100,000 a run's conditions may spend/,
    );
  });

  it('counts filter and reduce like map, and every argument of other operations', () => {
    expect(
      checkCondition({ filter: [thousand, { reduce: [thousand, { '+': [1, 2] }, 0] }] }, AT),
    ).toHaveLength(1);
    expect(
      checkCondition({ '==': [{ filter: [thousand, { filter: [thousand, true] }] }, 1] }, AT),
    ).toHaveLength(1);
  });

  it('accepts what may stop early or iterates what it cannot know', () => {
    // `some` may stop at its first element; `if` may never take its second branch.
    expect(
      checkCondition({ some: [thousand, { some: [thousand, { some: [thousand, false] }] }] }, AT),
    ).toEqual([]);
    expect(
      checkCondition({ if: [{ var: 'lead.x' }, { map: [thousand, { map: [thousand, 1] }] }, 0] }, AT),
    ).toEqual([]);
    // The lead's lists have no length until it runs: the run's own budget stops it then.
    expect(
      checkCondition({ map: [{ var: 'lead.tags' }, { map: [{ var: '' }, { map: [{ var: '' }, 1] }] }] }, AT),
    ).toEqual([]);
  });

  it('accepts the ordinary: a list in the rule just under the budget', () => {
    const n = Math.floor(CONDITION_BUDGET.operations / 4);
    expect(checkCondition({ map: [Array(n).fill(0), 1] }, AT)).toEqual([]);
    expect(checkCondition({ in: [{ var: 'lead.industry' }, ['Medicine', 'Retail']] }, AT)).toEqual([]);
  });
});
