/** One thing wrong with a workflow: where (`nodes[2].data.values`, `""` for the document) and what, in words. */
export interface Problem {
  path: string;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Appends a key or an index to a path the way a reader writes it: `nodes[2]`, `data.values`,
 * `condition["=="][0]`.
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Builds a path from its segments, e.g. `['nodes', 2, 'data']` → `nodes[2].data`. */
export function formatPath(segments: readonly PropertyKey[], base = ''): string {
  return segments.reduce<string>(
    (path, key) => childPath(path, typeof key === 'symbol' ? String(key) : (key as string | number)),
    base,
  );
}

/** Values quoted as in JSON and listed: `"A", "B"`, or with `last` = `' and '`: `"A", "B" and "C"`. */
export function quoteList(items: readonly unknown[], last = ', '): string {
  const quoted = items.map((item) => JSON.stringify(item));
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')}${last}${quoted[quoted.length - 1]}`;
}

/** A short, readable rendering of a value for a message: `"abc"`, `42`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** One line for a person: `nodes[2].data.values: "zed@example.com" is not a manager of this installation`. */
export function describeProblem(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
