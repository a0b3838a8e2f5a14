import jsonLogic from 'json-logic-js';
import { compileCondition, withConditionMeter } from './condition';
import { applyMetered, CONDITION_BUDGET, ConditionBudgetError, ConditionMeter } from './metered-logic';
import { registerOperations } from './register-operations';

const nest = (op: string, depth: number, inner: unknown, over: unknown): unknown => {
  let rule = inner;
  for (let i = 0; i < depth; i++) rule = { [op]: [over, rule] };
  return rule;
};
const thousand = Array.from({ length: 1000 }, (_, i) => i);

/** Milliseconds of CPU `fn` took (wall time depends on what else the machine runs), and what it threw. */
function timed(fn: () => unknown): { ms: number; error: unknown } {
  const start = process.cpuUsage();
  const elapsed = () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  try {
    fn();
    return { ms: elapsed(), error: undefined };
  } catch (error) {
    return { ms: elapsed(), error };
  }
}

describe(applyMetered.name, () => {
  beforeAll(registerOperations);

  it('answers as json-logic-js does', () => {
    const data = {
      lead: { industry: 'Medicine', employees: 120, tags: ['vip', 'eu'], email: 'a@b.com', note: '' },
      n: [1, 2, 3],
    };
    const rules: unknown[] = [
      { '==': [{ var: 'lead.industry' }, 'Medicine'] },
      { '==': [1, '1'] },
      { '===': [1, '1'] },
      { '!=': [{ var: 'lead.missing' }, null] },
      { and: [{ '>': [{ var: 'lead.employees' }, 100] }, { in: ['vip', { var: 'lead.tags' }] }] },
      { or: [false, 0, ''] },
      { if: [false, 'a', { var: 'lead.none' }, 'b', 'c'] },
      { '?:': [true, 1, 2] },
      { '<': [1, { var: 'lead.employees' }, 200] },
      { '<=': [1, 1] },
      { '!': [[]] },
      { '!!': [['x']] },
      { '%': [7, 3] },
      { in: ['@b.', { var: 'lead.email' }] },
      { cat: ['a', 1, null, ['x', 'y']] },
      { substr: ['leadflow', -4] },
      { substr: ['leadflow', 1, -2] },
      { '+': ['1', 2, '3.5'] },
      { '*': ['2'] },
      { '*': [2, 3, 4] },
      { '-': [5] },
      { '/': [1, 4] },
      { min: [3, 1, 2] },
      { max: [] },
      { merge: [[1, 2], 3, [[4]]] },
      { var: ['lead.nothing', 'fallback'] },
      { var: '' },
      { missing: ['lead.industry', 'lead.note', 'lead.x'] },
      { missing_some: [1, ['lead.x', 'lead.industry']] },
      { missing_some: [2, ['lead.x', 'lead.industry']] },
      { map: [{ var: 'n' }, { '*': [{ var: '' }, 2] }] },
      { filter: [{ var: 'n' }, { '>': [{ var: '' }, 1] }] },
      { reduce: [{ var: 'n' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
      { reduce: ['x', 1] },
      { all: [{ var: 'n' }, { '>': [{ var: '' }, 0] }] },
      { all: [[], true] },
      { none: [{ var: 'n' }, { '>': [{ var: '' }, 2] }] },
      { some: [{ var: 'n' }, { '>': [{ var: '' }, 2] }] },
      { startsWith: [{ var: 'lead.email' }, 'a@'] },
      { endsWith: [{ var: 'lead.email' }, 1] },
      [{ var: 'lead.employees' }, 'x'],
    ];
    for (const rule of rules) {
      expect([rule, applyMetered(rule, data, new ConditionMeter())]).toEqual([
        rule,
        jsonLogic.apply(rule as never, data),
      ]);
    }
    expect(() => applyMetered({ nope: [1] }, data, new ConditionMeter())).toThrow(
      'Unrecognized operation nope',
    );
  });

  it('charges one unit per operation and per element iterated', () => {
    const meter = new ConditionMeter();
    applyMetered({ some: [{ var: 'n' }, { '==': [{ var: '' }, 9] }] }, { n: [1, 2, 3] }, meter);
    // some + var(1 + 1 part) + 3 × (element + == + var)
    expect(meter.operations).toBe(1 + 2 + 3 * 3);
  });

  it.each([
    ['`some` nested 31 deep over [0, 1]', nest('some', 31, false, [0, 1])],
    ['`all` nested 31 deep over [0, 1]', nest('all', 31, true, [0, 1])],
    ['`map` nested 3 deep over 1,000 values', nest('map', 3, 1, thousand)],
    [
      '`reduce` over a doubling `merge`',
      { reduce: [thousand, { merge: [{ var: 'accumulator' }, { var: 'accumulator' }] }, [1]] },
    ],
    [
      '`reduce` over a doubling `cat`',
      { reduce: [thousand, { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'leadflow'] },
    ],
    [
      '`in` over a long string, 1,000 × 1,000 times',
      { some: [thousand, { some: [thousand, { in: ['y', 'x'.repeat(20_000)] }] }] },
    ],
  ])(
    'stops %s within the budget, in well under a second of CPU (not the minutes it took unmetered)',
    (_name, rule) => {
      const meter = new ConditionMeter();
      const { ms, error } = timed(() => applyMetered(rule, {}, meter));
      expect(error).toBeInstanceOf(ConditionBudgetError);
      expect(
        meter.operations <= CONDITION_BUDGET.operations + 100_000 &&
          meter.memory <= CONDITION_BUDGET.memory + 1_000_000,
      ).toBe(true);
      expect(ms).toBeLessThan(1000);
    },
  );

  it('stops at the memory budget when an evaluation builds more than it allows', () => {
    const meter = new ConditionMeter({ operations: 1_000_000, memory: 1000 });
    expect(() => applyMetered({ map: [thousand, { merge: [[1, 2], [3]] }] }, {}, meter)).toThrow(
      ConditionBudgetError,
    );
    expect(meter.memory).toBeGreaterThan(1000);
    const error = (() => {
      try {
        applyMetered(
          { merge: [thousand, thousand] },
          {},
          new ConditionMeter({ operations: 1_000_000, memory: 1000 }),
        );
      } catch (e) {
        return e as ConditionBudgetError;
      }
    })();
    expect(error?.exceeded).toBe('memory');
  });
});

describe(withConditionMeter.name, () => {
  it('charges every condition tested inside to one meter', () => {
    const condition = compileCondition({ some: [{ var: 'n' }, { '==': [{ var: '' }, 0] }] });
    const meter = new ConditionMeter({ operations: 25, memory: 100 });
    withConditionMeter(meter, () => {
      condition.test({ n: [1, 2, 3] });
      expect(meter.operations).toBe(12);
      condition.test({ n: [1, 2, 3] });
      expect(() => condition.test({ n: [1, 2, 3] })).toThrow(ConditionBudgetError);
    });
    // Outside a run each test has a budget of its own.
    expect(condition.test({ n: [1, 2, 0] })).toBe(true);
  });
});
