import { EngineError } from '../engine-error';
import { applyMetered, ConditionMeter, truthy } from './metered-logic';
import { registerOperations, TAGS_CONTAIN } from './register-operations';

/** A JSONLogic condition ready to evaluate. */
export interface CompiledCondition {
  /**
   * JSONLogic truthiness of the rule on `data`, charged to the meter of the run in progress (see
   * `withConditionMeter`), or to a fresh `CONDITION_BUDGET` outside a run; throws
   * `ConditionBudgetError` past the budget, and an `EngineError` when the rule cannot be evaluated
   * (`unsafe_condition`, `unknown_operation`).
   */
  test(data: unknown): boolean;
}

let activeMeter: ConditionMeter | null = null;

/**
 * Runs `fn` with every condition it tests charged to `meter`: one budget for all the conditions of
 * a run (filters and eligibility conditions alike). The engine is synchronous, so the meter in
 * effect is simply the one of the innermost call in progress.
 */
export function withConditionMeter<T>(meter: ConditionMeter, fn: () => T): T {
  const outer = activeMeter;
  activeMeter = meter;
  try {
    return fn();
  } finally {
    activeMeter = outer;
  }
}

const FORBIDDEN_OPERATIONS = new Set(['method', 'log']);
const FORBIDDEN_PATH_PARTS = new Set(['__proto__', 'prototype', 'constructor']);

// The format package refuses these at save; checked again here because a stored definition is
// the only thing between a rule and json-logic-js's `method` (arbitrary calls on the data).
function findUnsafePart(rule: unknown): string | null {
  if (Array.isArray(rule)) {
    for (const item of rule) {
      const found = findUnsafePart(item);
      if (found) return found;
    }
    return null;
  }
  if (rule === null || typeof rule !== 'object') return null;
  for (const [operation, args] of Object.entries(rule)) {
    if (FORBIDDEN_OPERATIONS.has(operation)) return `the operation "${operation}" is not allowed`;
    if (operation === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === 'string' && path.split('.').some((part) => FORBIDDEN_PATH_PARTS.has(part))) {
        return `the path "${path}" is not allowed`;
      }
    }
    const found = findUnsafePart(args);
    if (found) return found;
  }
  return null;
}

const isLeadTags = (operand: unknown): boolean => {
  if (operand === null || typeof operand !== 'object' || Array.isArray(operand)) return false;
  const entries = Object.entries(operand);
  if (entries.length !== 1 || entries[0][0] !== 'var') return false;
  const path = Array.isArray(entries[0][1]) ? entries[0][1][0] : entries[0][1];
  return path === 'lead.tags';
};

/** The rule with every `{"in": [x, {"var": "lead.tags"}]}` looking for its tag case-blind. */
function tagsCaseBlind(rule: unknown): unknown {
  if (Array.isArray(rule)) return rule.map(tagsCaseBlind);
  if (rule === null || typeof rule !== 'object') return rule;
  return Object.fromEntries(
    Object.entries(rule).map(([operation, args]) =>
      operation === 'in' && Array.isArray(args) && args.length === 2 && isLeadTags(args[1])
        ? [TAGS_CONTAIN, [tagsCaseBlind(args[0]), args[1]]]
        : [operation, tagsCaseBlind(args)],
    ),
  );
}

/** Prepares a JSONLogic rule; an unsafe rule compiles to a condition that throws (`unsafe_condition`) when tested. */
export function compileCondition(rule: unknown): CompiledCondition {
  const unsafe = findUnsafePart(rule);
  if (unsafe) {
    return {
      test() {
        throw new EngineError('unsafe_condition', unsafe);
      },
    };
  }
  registerOperations();
  const logic = tagsCaseBlind(structuredClone(rule));
  return { test: (data) => truthy(applyMetered(logic, data, activeMeter ?? new ConditionMeter())) };
}
