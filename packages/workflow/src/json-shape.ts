import { childPath, type Problem } from './problem';

/** A JSON document nested deeper than this many levels is refused (`[[1]]` is 2 levels). */
export const MAX_JSON_DEPTH = 256;

/**
 * Keys refused anywhere in a document: assigning them to a plain object changes its prototype or
 * shadows what every object has, so a value under such a key would be dropped or misread silently.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** At most this many problems are listed; past the first, a document this hostile says enough. */
const MAX_SHAPE_PROBLEMS = 20;

/** Whether `key` is one of `FORBIDDEN_KEYS`. */
export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

/**
 * What makes a parsed JSON document unsafe to read further: nesting deeper than `maxDepth` (one
 * problem, at the first container too deep) and every key of `FORBIDDEN_KEYS`, each with its path
 * (`fields.__proto__`), at most 20 problems, outer ones first. Walks with a stack of its own, not
 * by recursion, so a document nested hundreds of thousands of levels deep is checked like any
 * other; a walk stops at the depth limit, so its cost is bounded by the document's size.
 */
export function jsonShapeProblems(document: unknown, maxDepth = MAX_JSON_DEPTH): Problem[] {
  const problems: Problem[] = [];
  let tooDeep = false;
  // Pushed in reverse so that problems come out in document order.
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: document, path: '', depth: 1 },
  ];
  while (stack.length > 0 && problems.length < MAX_SHAPE_PROBLEMS) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) {
      if (!tooDeep)
        problems.push({
          path,
          message: `is nested deeper than ${maxDepth} levels, the most a document may be`,
        });
      tooDeep = true;
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null)
          stack.push({ value: item, path: childPath(path, i), depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(value);
    const children: Array<{ value: unknown; path: string; depth: number }> = [];
    for (const key of keys) {
      if (isForbiddenKey(key)) {
        if (problems.length < MAX_SHAPE_PROBLEMS)
          problems.push({ path: childPath(path, key), message: `"${key}" is not allowed as a key` });
        continue;
      }
      const child: unknown = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null)
        children.push({ value: child, path: childPath(path, key), depth: depth + 1 });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return problems;
}
