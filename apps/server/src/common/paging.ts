import { ApiError, type Issue } from './api-error';

/**
 * The query string's values for `keys`, each a string or absent; a key given more than once
 * (`?leadId=a&leadId=b`, which arrives as a list) is refused with a 400 naming it.
 */
export function singleValues<K extends string>(
  query: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, string>> {
  const issues: Issue[] = [];
  const values: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = query[key];
    if (value === undefined) continue;
    if (typeof value === 'string') values[key] = value;
    else issues.push({ path: key, message: 'must be given once' });
  }
  if (issues.length) throw ApiError.invalid(issues);
  return values;
}

/** `limit` (default 50, at most 1,000) and `offset` (default 0) from a query string. */
export function paging(query: { limit?: unknown; offset?: unknown }): { limit: number; offset: number } {
  singleValues(query, ['limit', 'offset']);
  const issues: Issue[] = [];
  const read = (key: 'limit' | 'offset', dflt: number, min: number, max: number) => {
    const raw = query[key] as string | undefined;
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      issues.push({
        path: key,
        message: `must be a whole number from ${min} to ${max.toLocaleString('en-US')}`,
      });
      return dflt;
    }
    return n;
  };
  const result = { limit: read('limit', 50, 1, 1000), offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER) };
  if (issues.length) throw ApiError.invalid(issues);
  return result;
}
