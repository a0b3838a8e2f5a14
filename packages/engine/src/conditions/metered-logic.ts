/**
 * A JSONLogic evaluator with the semantics of json-logic-js 2.0.5 (plus the operations added with
 * `addMeteredOperation`: the format package's `startsWith`/`endsWith`/`equalsIgnoreCase`)
 * that meters its work and the memory it allocates, so that no condition can hold the event loop
 * or the heap for long: a rule nested within the depth limit can still iterate 2^31 times or build
 * gigabytes (`some` over `some` …, `map` over `map` …, `reduce` over a doubling `merge`).
 */

import { CONDITION_BUDGET as WORKFLOW_CONDITION_BUDGET } from '@leadflow/workflow';
import { EngineError } from '../engine-error';

/** What one run's condition evaluation may spend (docs/operations.md gives the figures and why). */
export interface ConditionBudget {
  /**
   * Units of work: one per operation applied, one per element an iterating operation (`some`,
   * `all`, `none`, `map`, `filter`, `reduce`) visits, and, for the arguments of every other
   * operation, one per array element (nested arrays counted in full) and one per 16 characters
   * of a string (what `in`, `==`, `cat`, `merge` … may have to walk or copy).
   */
  operations: number;
  /**
   * Cells allocated, over the whole evaluation: one per element of each array built (by `map`,
   * `filter`, `merge`, `missing`, a list in the rule) and one per 8 characters of each string built
   * (`cat`, `substr`).
   */
  memory: number;
}

/** The budget of one run (the format package's: it also refuses at save what is certain to exceed it). */
export const CONDITION_BUDGET: Readonly<ConditionBudget> = WORKFLOW_CONDITION_BUDGET;

/**
 * Thrown when an evaluation goes over its budget (code `condition_budget`); the run that met it ends
 * `failed`, `conditionBudget`.
 */
export class ConditionBudgetError extends EngineError {
  constructor(
    readonly exceeded: keyof ConditionBudget,
    readonly limit: number,
  ) {
    super(
      'condition_budget',
      `the conditions of this run exceeded their budget of ${limit.toLocaleString('en-US')} ${exceeded === 'operations' ? 'operations' : 'memory cells'}`,
    );
    this.name = 'ConditionBudgetError';
  }
}

/** What an evaluation has spent so far; one per run, shared by every condition the run tests. */
export class ConditionMeter {
  operations = 0;
  memory = 0;

  constructor(readonly budget: Readonly<ConditionBudget> = CONDITION_BUDGET) {}

  /** Adds units of work; throws `ConditionBudgetError` past the budget. */
  work(units: number): void {
    this.operations += units;
    if (this.operations > this.budget.operations)
      throw new ConditionBudgetError('operations', this.budget.operations);
  }

  /** Adds allocated cells; throws `ConditionBudgetError` past the budget. */
  allocate(cells: number): void {
    this.memory += cells;
    if (this.memory > this.budget.memory) throw new ConditionBudgetError('memory', this.budget.memory);
  }
}

type Rule = unknown;
type Data = unknown;

/** JSONLogic truthiness: an empty array is false. */
export const truthy = (value: unknown): boolean =>
  Array.isArray(value) && value.length === 0 ? false : Boolean(value);

const isLogic = (rule: Rule): rule is Record<string, unknown> =>
  typeof rule === 'object' && rule !== null && !Array.isArray(rule) && Object.keys(rule).length === 1;

// Deep sizes of the arrays seen, so that an array passed around many times is measured once.
const sizes = new WeakMap<object, number>();

/** Cost of walking a value: array elements (in full depth) and string characters / 16. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length >> 4;
  if (!Array.isArray(value)) return 0;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  let size = value.length;
  for (const item of value) if (typeof item === 'string' || Array.isArray(item)) size += sizeOf(item);
  sizes.set(value, size);
  return size;
}

function readVar(data: Data, path: unknown, fallback: unknown, meter: ConditionMeter): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === '' || path === null) return data;
  const parts = String(path).split('.');
  meter.work(parts.length);
  let current: unknown = data;
  for (const part of parts) {
    if (current === null || current === undefined) return notFound;
    current = (current as Record<string, unknown>)[part];
    if (current === undefined) return notFound;
  }
  return current;
}

function missing(keys: unknown[], data: Data, meter: ConditionMeter): unknown[] {
  const found: unknown[] = [];
  for (const key of keys) {
    const value = readVar(data, key, undefined, meter);
    if (value === null || value === '') found.push(key);
  }
  meter.allocate(found.length);
  return found;
}

const num = (value: unknown): number => parseFloat(value as string);

/** The operations that take evaluated arguments (json-logic-js's table, less `method` and `log`). */
const OPERATIONS: Record<string, (args: unknown[], data: Data, meter: ConditionMeter) => unknown> = {
  // Loose comparisons on purpose: JSONLogic's `==` is JavaScript's.
  '==': ([a, b]) => a == b,
  '===': ([a, b]) => a === b,
  '!=': ([a, b]) => a != b,
  '!==': ([a, b]) => a !== b,
  '>': ([a, b]) => (a as number) > (b as number),
  '>=': ([a, b]) => (a as number) >= (b as number),
  '<': ([a, b, c]) =>
    c === undefined
      ? (a as number) < (b as number)
      : (a as number) < (b as number) && (b as number) < (c as number),
  '<=': ([a, b, c]) =>
    c === undefined
      ? (a as number) <= (b as number)
      : (a as number) <= (b as number) && (b as number) <= (c as number),
  '!!': ([a]) => truthy(a),
  '!': ([a]) => !truthy(a),
  '%': ([a, b]) => (a as number) % (b as number),
  in: ([a, b]) => {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
    return (b as { indexOf(x: unknown): number }).indexOf(a) !== -1;
  },
  cat: (args, _data, meter) => {
    const text = args.join('');
    meter.allocate(text.length >> 3);
    return text;
  },
  substr: ([source, start, end], _data, meter) => {
    let text: string;
    if ((end as number) < 0) {
      const rest = String(source).substr(start as number);
      text = rest.substr(0, rest.length + (end as number));
    } else text = String(source).substr(start as number, end as number);
    meter.allocate(text.length >> 3);
    return text;
  },
  '+': (args) => args.reduce<number>((a, b) => num(a) + num(b), 0),
  '*': (args) => args.reduce((a, b) => num(a) * num(b)),
  '-': ([a, b]) => (b === undefined ? -(a as number) : (a as number) - (b as number)),
  '/': ([a, b]) => (a as number) / (b as number),
  min: (args) => Math.min(...(args as number[])),
  max: (args) => Math.max(...(args as number[])),
  merge: (args, _data, meter) => {
    const merged = ([] as unknown[]).concat(...args);
    meter.allocate(merged.length);
    return merged;
  },
  var: ([path, fallback], data, meter) => readVar(data, path, fallback, meter),
  missing: (args, data, meter) => missing(Array.isArray(args[0]) ? args[0] : args, data, meter),
  missing_some: ([need, options], data, meter) => {
    const absent = missing(Array.isArray(options) ? options : [options], data, meter);
    return (options as unknown[]).length - absent.length >= (need as number) ? [] : absent;
  },
};

/**
 * Adds an operation that takes its arguments evaluated (as json-logic-js's `add_operation` does);
 * it is charged like the built-in ones. Registering a name again replaces it.
 */
export function addMeteredOperation(name: string, code: (...args: never[]) => unknown): void {
  OPERATIONS[name] = (args) => (code as (...values: unknown[]) => unknown)(...args);
}

/**
 * Evaluates a JSONLogic rule on `data` as json-logic-js's `apply` does, charging `meter`; throws
 * `ConditionBudgetError` as soon as the budget is spent, and json-logic-js's errors otherwise
 * (an unknown operation).
 */
export function applyMetered(rule: Rule, data: Data, meter: ConditionMeter): unknown {
  if (Array.isArray(rule)) {
    meter.work(1 + rule.length);
    meter.allocate(rule.length);
    return rule.map((item) => applyMetered(item, data, meter));
  }
  if (!isLogic(rule)) return rule;
  meter.work(1);
  const op = Object.keys(rule)[0];
  const raw = rule[op];
  const values: Rule[] = Array.isArray(raw) ? raw : [raw];

  switch (op) {
    case 'if':
    case '?:': {
      let i = 0;
      for (; i < values.length - 1; i += 2) {
        if (truthy(applyMetered(values[i], data, meter))) return applyMetered(values[i + 1], data, meter);
      }
      return values.length === i + 1 ? applyMetered(values[i], data, meter) : null;
    }
    case 'and':
    case 'or': {
      let current: unknown;
      for (const value of values) {
        current = applyMetered(value, data, meter);
        if (truthy(current) === (op === 'or')) return current;
      }
      return current;
    }
    case 'filter':
    case 'map': {
      const scoped = applyMetered(values[0], data, meter);
      if (!Array.isArray(scoped)) return [];
      const out: unknown[] = [];
      for (const datum of scoped) {
        meter.work(1);
        const value = applyMetered(values[1], datum, meter);
        if (op === 'map') out.push(value);
        else if (truthy(value)) out.push(datum);
      }
      meter.allocate(out.length);
      return out;
    }
    case 'reduce': {
      const scoped = applyMetered(values[0], data, meter);
      const initial = values[2] !== undefined ? applyMetered(values[2], data, meter) : null;
      if (!Array.isArray(scoped)) return initial;
      let accumulator = initial;
      for (const current of scoped) {
        meter.work(1);
        accumulator = applyMetered(values[1], { current, accumulator }, meter);
      }
      return accumulator;
    }
    case 'all':
    case 'none':
    case 'some': {
      const scoped = applyMetered(values[0], data, meter);
      if (!Array.isArray(scoped) || scoped.length === 0) return op === 'none';
      for (const datum of scoped) {
        meter.work(1);
        const hit = truthy(applyMetered(values[1], datum, meter));
        if (op === 'all' && !hit) return false;
        if (op === 'some' && hit) return true;
        if (op === 'none' && hit) return false;
      }
      return op !== 'some';
    }
  }
  const operation = Object.prototype.hasOwnProperty.call(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if (!operation) throw new EngineError('unknown_operation', `Unrecognized operation ${op}`);
  const args = values.map((value) => applyMetered(value, data, meter));
  // Walking or copying the arguments (indexOf, concat, join, coercing an array to a string) costs their size.
  let size = 0;
  for (const arg of args) size += sizeOf(arg);
  if (size > 0) meter.work(size);
  return operation(args, data, meter);
}
