import { ApiError, type Issue } from './api-error';

/** `limit` (default 50, at most 1,000) and `offset` (default 0) from a query string. */
export function paging(query: { limit?: string; offset?: string }): { limit: number; offset: number } {
  const issues: Issue[] = [];
  const read = (key: 'limit' | 'offset', dflt: number, min: number, max: number) => {
    const raw = query[key];
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      issues.push({ path: key, message: `must be a whole number from ${min} to ${max.toLocaleString('en-US')}` });
      return dflt;
    }
    return n;
  };
  const result = { limit: read('limit', 50, 1, 1000), offset: read('offset', 0, 0, Number.MAX_SAFE_INTEGER) };
  if (issues.length) throw ApiError.invalid(issues);
  return result;
}
