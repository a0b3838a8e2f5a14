import { ALLOWED_OPERATIONS } from './json-logic-operations';
import { childPath, quoteList, previewValue, type Problem, type ProblemCode } from './problem';

/**
 * What the conditions of one run may spend when evaluated (the engine meters it; docs/operations.md
 * gives the figures):
 * - `operations`: one unit per operation applied, per element an iterating operation (`some`, `all`,
 *   `none`, `map`, `filter`, `reduce`) visits, and, for the arguments of any other operation, per
 *   array element (nested arrays in full) and per 16 characters of a string;
 * - `memory`: one cell per element of each array built (`map`, `filter`, `merge`, `missing`, a list
 *   in the rule) and per 8 characters of each string built (`cat`, `substr`).
 */
export const CONDITION_BUDGET = Object.freeze({ operations: 100_000, memory: 1_000_000 });

/** Operations may nest this deep in a condition, and no deeper. */
export const MAX_CONDITION_DEPTH = 32;
// Arrays nest without being operations; this bounds the walk (and json-logic-js's) all the same.
const MAX_NESTING = 4 * MAX_CONDITION_DEPTH;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
const REFUSED_OPERATIONS = new Set(['method', 'log']);

type Literal = string | number;

const isLiteral = (value: unknown): value is Literal =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * The reasons a JSONLogic rule is unsafe or unknown, each with its path (`path` is the rule's own
 * path, e.g. `nodes[1].data.condition`): only json-logic-js operations plus `startsWith`/`endsWith`/`equalsIgnoreCase`,
 * no `method` or `log`, an operation is an object with exactly one key, a `var` path (and the keys
 * of `missing`/`missing_some`, which read data the same way) is a literal that does not pass through
 * `__proto__`, `prototype` or `constructor`, and operations nest at most 32 deep.
 */
export function checkCondition(rule: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, at: string, message: string) =>
    problems.push({ code, path: at, message });

  const checkDataPath = (value: unknown, at: string, operation: string) => {
    if (!isLiteral(value)) {
      report(
        'unsafe_condition',
        at,
        `the path of ${previewValue(operation)} must be a literal string or number, not a computed value`,
      );
      return;
    }
    const segment = String(value)
      .split('.')
      .find((part) => FORBIDDEN_SEGMENTS.has(part));
    if (segment !== undefined)
      report('unsafe_condition', at, `the path ${previewValue(value)} may not pass through "${segment}"`);
  };

  const checkKeys = (keys: unknown, at: string, operation: string) => {
    if (Array.isArray(keys))
      keys.forEach((key, index) => checkDataPath(key, childPath(at, index), operation));
    else checkDataPath(keys, at, operation);
  };

  const visit = (value: unknown, at: string, depth: number, nesting: number): void => {
    if (value === null || typeof value === 'boolean' || isLiteral(value)) return;
    if (nesting > MAX_NESTING) {
      report('condition_too_deep', at, `is nested more than ${MAX_NESTING} levels deep`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, childPath(at, index), depth, nesting + 1));
      return;
    }
    if (typeof value !== 'object') {
      report(
        'invalid_condition',
        at,
        'must be JSON: a string, number, true/false, null, a list or an operation',
      );
      return;
    }
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      report(
        'invalid_condition',
        at,
        keys.length === 0
          ? 'an empty object is not an operation: an operation has exactly one key, its name'
          : `an operation has exactly one key, its name; this object has ${keys.length} (${quoteList(keys)})`,
      );
      return;
    }
    const [operation] = keys;
    if (REFUSED_OPERATIONS.has(operation)) {
      report('unsafe_condition', at, `the operation ${previewValue(operation)} is not allowed`);
      return;
    }
    if (!ALLOWED_OPERATIONS.has(operation)) {
      report('unknown_operation', at, `unknown operation ${previewValue(operation)}`);
      return;
    }
    if (depth + 1 > MAX_CONDITION_DEPTH) {
      report('condition_too_deep', at, `operations are nested more than ${MAX_CONDITION_DEPTH} levels deep`);
      return;
    }
    const args: unknown = (value as Record<string, unknown>)[operation];
    const argsAt = childPath(at, operation);
    const visitArgs = (items: unknown[], from: number) =>
      items.forEach(
        (item, index) => index >= from && visit(item, childPath(argsAt, index), depth + 1, nesting + 2),
      );

    switch (operation) {
      case 'var':
        if (!Array.isArray(args)) return checkDataPath(args, argsAt, operation);
        if (args.length < 1 || args.length > 2) {
          report(
            'invalid_condition',
            argsAt,
            '"var" takes a path and, optionally, a default: ["lead.industry", "none"]',
          );
          return;
        }
        checkDataPath(args[0], childPath(argsAt, 0), operation);
        return visitArgs(args, 1);
      case 'missing':
        if (!Array.isArray(args)) return checkDataPath(args, argsAt, operation);
        return args.forEach((keys, index) => checkKeys(keys, childPath(argsAt, index), operation));
      case 'missing_some':
        if (!Array.isArray(args) || args.length !== 2) {
          report(
            'invalid_condition',
            argsAt,
            '"missing_some" takes a count and a list of paths: [1, ["lead.email", "lead.phone"]]',
          );
          return;
        }
        visit(args[0], childPath(argsAt, 0), depth + 1, nesting + 2);
        return checkKeys(args[1], childPath(argsAt, 1), operation);
      default:
        if (Array.isArray(args)) return visitArgs(args, 0);
        return visit(args, argsAt, depth + 1, nesting + 1);
    }
  };

  visit(rule, path, 0, 0);
  if (problems.length === 0) {
    const over = overBudget(rule, path);
    if (over) {
      report(
        'condition_over_budget',
        over.path,
        `evaluating this takes at least ${over.cost.toLocaleString('en-US')} operations, more than the ${CONDITION_BUDGET.operations.toLocaleString('en-US')} a run's conditions may spend: it would always fail the run (iterations over lists in the rule multiply)`,
      );
    }
  }
  return problems;
}

const ITERATING = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/**
 * The deepest part of a (well-formed) rule whose evaluation is certain to cost more than the
 * budget, with that cost, or null. Certain means a lower bound: only what is always evaluated counts
 * (the first branch of `if`/`and`/`or`, one element of `some`/`all`/`none`, which may stop there),
 * and only lists written in the rule have a known length.
 */
function overBudget(rule: unknown, path: string): { path: string; cost: number } | null {
  let found: { path: string; cost: number } | null = null;
  const cost = (value: unknown, at: string): number => {
    if (Array.isArray(value))
      return 1 + value.length + value.reduce<number>((sum, item, i) => sum + cost(item, childPath(at, i)), 0);
    if (value === null || typeof value !== 'object') return 0;
    const [operation] = Object.keys(value);
    const raw: unknown = (value as Record<string, unknown>)[operation];
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const argsAt = childPath(at, operation);
    const argAt = (i: number) => (Array.isArray(raw) ? childPath(argsAt, i) : argsAt);
    let total = 1;
    if (ITERATING.has(operation)) {
      const over = args[0];
      const length = Array.isArray(over) ? over.length : 0;
      total += cost(over, argAt(0));
      if (operation === 'reduce' && args.length > 2) total += cost(args[2], argAt(2));
      const times =
        operation === 'map' || operation === 'filter' || operation === 'reduce'
          ? length
          : Math.min(length, 1);
      // The body is costed once and multiplied: a literal rule costs the same for every element.
      if (times > 0) total += times * (1 + cost(args[1], argAt(1)));
    } else if (operation === 'if' || operation === '?:' || operation === 'and' || operation === 'or') {
      if (args.length > 0) total += cost(args[0], argAt(0));
    } else if (operation === 'var') {
      const key = args[0];
      total +=
        typeof key === 'string' && key !== '' ? key.split('.').length : typeof key === 'number' ? 1 : 0;
    } else if (operation !== 'missing' && operation !== 'missing_some') {
      args.forEach((arg, i) => (total += cost(arg, argAt(i))));
    }
    if (total > CONDITION_BUDGET.operations && !found) found = { path: at, cost: total };
    return total;
  };
  cost(rule, path);
  return found;
}
