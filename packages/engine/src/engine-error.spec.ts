import { managerSkipReason } from './assignment/eligibility';
import { localTime } from './assignment/working-hours';
import { compileCondition } from './conditions/condition';
import { applyMetered, ConditionBudgetError, ConditionMeter } from './conditions/metered-logic';
import { durationToMs } from './duration';
import { ENGINE_ERROR_CODES, EngineError, isEngineError, type EngineErrorCode } from './engine-error';
import { compileWorkflow } from './graph/compile-workflow';
import { startRun } from './run/run-workflow';
import { created, lead, manager, MemoryPorts, trigger, workflowFile } from '../test/fixtures';

/** The error `fn` throws; fails the test when it throws none. */
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

const expectCode = (fn: () => unknown, code: EngineErrorCode) => {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe(code);
  expect(isEngineError(error, code)).toBe(true);
};

describe(EngineError.name, () => {
  it('has unique snake_case codes', () => {
    expect(new Set(ENGINE_ERROR_CODES).size).toBe(ENGINE_ERROR_CODES.length);
    for (const code of ENGINE_ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('is thrown with its code by each part of the engine that refuses', () => {
    expectCode(
      () => compileCondition({ method: [{ var: 'lead.name' }, 'toUpperCase'] }).test({}),
      'unsafe_condition',
    );
    expectCode(() => applyMetered({ nope: [1] }, {}, new ConditionMeter()), 'unknown_operation');
    expectCode(() => durationToMs('2 hours'), 'invalid_duration');
    expectCode(() => localTime(new Date(), 'Mars/Olympus'), 'invalid_time_zone');
    const meter = new ConditionMeter({ operations: 10, memory: 10 });
    expectCode(
      () => applyMetered({ map: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 1] }, {}, meter),
      'condition_budget',
    );
  });

  it('keeps the budget error a ConditionBudgetError, with its code', () => {
    const error = new ConditionBudgetError('memory', 5);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.code).toBe('condition_budget');
    expect(error.message).toBe('the conditions of this run exceeded their budget of 5 memory cells');
  });

  it('tells other errors apart', () => {
    expect(isEngineError(new Error('x'), 'unsafe_condition')).toBe(false);
    expect(isEngineError(new EngineError('invalid_duration', 'x'), 'unsafe_condition')).toBe(false);
  });

  it('lets eligibility read an unknown time zone as the manager’s problem by its code', () => {
    const away = manager('ada@example.com', { workingHours: { timezone: 'Mars/Olympus', days: {} } });
    expect(
      managerSkipReason({
        manager: away,
        rules: { skipUnavailable: true, respectCapacity: false },
        now: new Date(),
        conditionData: () => ({}),
      }),
    ).toBe('invalidWorkingHours');
  });

  it('ends a run failed with the message of what a node threw', () => {
    const workflow = compileWorkflow(
      workflowFile([trigger(), { id: 'ab', type: 'split', data: { branches: [] } }], [['start', 'ab']]),
    );
    const result = startRun(workflow, { event: created, lead: lead('l1'), ports: new MemoryPorts() });
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'node "ab" (split): the split has no branches',
    });
  });
});
