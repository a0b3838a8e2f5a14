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
  // Paths are written only for a problem: each entry points to its parent, so a walk through a
  // document with a million values builds no strings for them.
  interface Entry {
    value: object;
    parent: Entry | null;
    key: string | number;
    depth: number;
  }
  const pathOf = (entry: Entry | null, last?: string): string => {
    const keys: Array<string | number> = last === undefined ? [] : [last];
    for (let at = entry; at?.parent; at = at.parent) keys.push(at.key);
    return keys.reduceRight<string>((path, key) => childPath(path, key), '');
  };
  if (typeof document !== 'object' || document === null) return problems;
  // Pushed in reverse so that problems come out in document order.
  const stack: Entry[] = [{ value: document, parent: null, key: '', depth: 1 }];
  while (stack.length > 0 && problems.length < MAX_SHAPE_PROBLEMS) {
    const entry = stack.pop()!;
    if (entry.depth > maxDepth) {
      if (!tooDeep)
        problems.push({
          code: 'too_deep',
          path: pathOf(entry),
          message: `is nested deeper than ${maxDepth} levels, the most a document may be`,
        });
      tooDeep = true;
      continue;
    }
    const { value, depth } = entry;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null)
          stack.push({ value: item, parent: entry, key: i, depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if (isForbiddenKey(key) && problems.length < MAX_SHAPE_PROBLEMS)
        problems.push({
          code: 'forbidden_key',
          path: pathOf(entry, key),
          message: `"${key}" is not allowed as a key`,
        });
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const child: unknown = (value as Record<string, unknown>)[keys[i]];
      if (typeof child === 'object' && child !== null && !isForbiddenKey(keys[i]))
        stack.push({ value: child, parent: entry, key: keys[i], depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * The same depth rule on JSON text, before it is parsed: the problem of the first value nested
 * deeper than `maxDepth` (with its path), or null. One pass over the characters, stopping there,
 * so a megabyte of `[` costs a scan of 257 characters rather than a parse that builds half a
 * million arrays. Text that is not JSON gets null: the parser says what is wrong with it.
 */
export function jsonTextDepthProblem(text: string, maxDepth = MAX_JSON_DEPTH): Problem | null {
  // One frame per open container: whether it is a list, and the index of the item being read in
  // it or where the key being read starts in `text` (decoded only for a problem).
  const frames: Array<{ array: boolean; at: number }> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      if (expectKey && frames.length > 0) {
        frames[frames.length - 1].at = i;
        expectKey = false;
      }
      i += 1;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c /* \ */ ? 2 : 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (frames.length >= maxDepth)
        return {
          code: 'too_deep',
          path: textPath(text, frames),
          message: `is nested deeper than ${maxDepth} levels, the most a document may be`,
        };
      frames.push({ array: c === 0x5b, at: 0 });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */ && frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.array) frame.at += 1;
      else expectKey = true;
    }
  }
  return null;
}

// The path of the frames' current values: indices as they are, keys decoded from the text.
function textPath(text: string, frames: ReadonlyArray<{ array: boolean; at: number }>): string {
  let path = '';
  for (const frame of frames) {
    if (frame.array) {
      path = childPath(path, frame.at);
      continue;
    }
    let end = frame.at + 1;
    while (end < text.length && text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
    let key: string;
    try {
      key = JSON.parse(text.slice(frame.at, end + 1)) as string;
    } catch {
      key = text.slice(frame.at + 1, end);
    }
    path = childPath(path, key);
  }
  return path;
}
