// Operations whose second argument is evaluated once per item of the first, with the item (not the
// run's data) as its data: a `var` in there names a part of the item, not of the lead or event.
const SCOPED_OPERATIONS = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce']);

const isPath = (value: unknown): value is string | number =>
  (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

/**
 * The data paths a JSONLogic rule reads (`lead.country`, `event.field`), each once, in the order
 * they first appear: the paths of `var`, `missing` and `missing_some`, as written (numbers as
 * strings). Left out: the whole-data `var` (`""`), computed paths, and what the item-wise part of
 * `map`/`filter`/`all`/`none`/`some`/`reduce` reads (an item, not the data). Never throws.
 */
export function conditionReads(rule: unknown): string[] {
  const paths = new Set<string>();
  const add = (path: unknown) => {
    if (isPath(path)) paths.add(String(path));
  };
  const addKeys = (keys: unknown) => (Array.isArray(keys) ? keys.forEach(add) : add(keys));
  const visit = (value: unknown, depth: number): void => {
    // Checked rules nest far less deep; this only keeps an unchecked one from overflowing the stack.
    if (depth > 256 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item) => visit(item, depth + 1));
      return;
    }
    const entries = Object.entries(value);
    if (entries.length !== 1) return;
    const [[operation, args]] = entries;
    const list = Array.isArray(args) ? args : [args];
    switch (operation) {
      case 'var':
        add(list[0]);
        list.slice(1).forEach((item) => visit(item, depth + 1));
        return;
      case 'missing':
        list.forEach(addKeys);
        return;
      case 'missing_some':
        visit(list[0], depth + 1);
        addKeys(list[1]);
        return;
      default:
        list.forEach((item, index) => {
          const itemWise = SCOPED_OPERATIONS.has(operation) && index === 1;
          if (!itemWise) visit(item, depth + 1);
        });
    }
  };
  visit(rule, 0);
  return [...paths];
}

/**
 * The value at each path in `data`, read as JSONLogic's `var` reads it (dot-separated keys), but
 * only through own properties and with null for what is not there: `{"lead.country": "FR"}`.
 */
export function readPaths(paths: readonly string[], data: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const path of paths) {
    let value: unknown = data;
    for (const key of path.split('.')) {
      if (value === null || value === undefined || !Object.hasOwn(Object(value), key)) {
        value = null;
        break;
      }
      value = (value as Record<string, unknown>)[key];
    }
    values[path] = value === undefined ? null : value;
  }
  return values;
}
