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

/** One line for a person: `nodes[2].data.values: "zed@example.com" is not a manager of this installation`. */
export function describeProblem(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
