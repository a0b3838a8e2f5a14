import { ALLOWED_OPERATIONS } from './json-logic-operations';
import { childPath, quoteList, previewValue, type Problem } from './problem';

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
  const report = (at: string, message: string) => problems.push({ path: at, message });

  const checkDataPath = (value: unknown, at: string, operation: string) => {
    if (!isLiteral(value)) {
      report(
        at,
        `the path of ${previewValue(operation)} must be a literal string or number, not a computed value`,
      );
      return;
    }
    const segment = String(value)
      .split('.')
      .find((part) => FORBIDDEN_SEGMENTS.has(part));
    if (segment !== undefined)
      report(at, `the path ${previewValue(value)} may not pass through "${segment}"`);
  };

  const checkKeys = (keys: unknown, at: string, operation: string) => {
    if (Array.isArray(keys))
      keys.forEach((key, index) => checkDataPath(key, childPath(at, index), operation));
    else checkDataPath(keys, at, operation);
  };

  const visit = (value: unknown, at: string, depth: number, nesting: number): void => {
    if (value === null || typeof value === 'boolean' || isLiteral(value)) return;
    if (nesting > MAX_NESTING) {
      report(at, `is nested more than ${MAX_NESTING} levels deep`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, childPath(at, index), depth, nesting + 1));
      return;
    }
    if (typeof value !== 'object') {
      report(at, 'must be JSON: a string, number, true/false, null, a list or an operation');
      return;
    }
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      report(
        at,
        keys.length === 0
          ? 'an empty object is not an operation: an operation has exactly one key, its name'
          : `an operation has exactly one key, its name; this object has ${keys.length} (${quoteList(keys)})`,
      );
      return;
    }
    const [operation] = keys;
    if (REFUSED_OPERATIONS.has(operation)) {
      report(at, `the operation ${previewValue(operation)} is not allowed`);
      return;
    }
    if (!ALLOWED_OPERATIONS.has(operation)) {
      report(at, `unknown operation ${previewValue(operation)}`);
      return;
    }
    if (depth + 1 > MAX_CONDITION_DEPTH) {
      report(at, `operations are nested more than ${MAX_CONDITION_DEPTH} levels deep`);
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
          report(argsAt, '"var" takes a path and, optionally, a default: ["lead.industry", "none"]');
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
  return problems;
}
