/** One thing wrong with a workflow: where (`nodes[2].data.values`, `""` for the document) and what, in words. */
export interface Problem {
  path: string;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** How many characters of a value a message quotes (`PREVIEW_CHARS`) and of a key a path shows. */
export const PREVIEW_CHARS = 40;
export const KEY_PREVIEW_CHARS = 64;

/**
 * `text` cut to at most `max` UTF-16 units, ending in `…` when cut (never inside a surrogate
 * pair), so that a message or a path stays short whatever the input held.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Appends a key or an index to a path the way a reader writes it: `nodes[2]`, `data.values`,
 * `condition["=="][0]`. A key longer than `KEY_PREVIEW_CHARS` is shown in part (`["xxx…"]`).
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (key.length > KEY_PREVIEW_CHARS) return `${path}[${JSON.stringify(clipText(key, KEY_PREVIEW_CHARS))}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/**
 * How a path writes names: `quoted` as `childPath` does (workflow files: `condition["=="]`);
 * `dotted` every name after a dot as written, in part past `KEY_PREVIEW_CHARS` (request bodies
 * of the API: `fields.my key`, `fields.kkk…`).
 */
export type PathKeys = 'quoted' | 'dotted';

/** Builds a path from its segments, e.g. `['nodes', 2, 'data']` → `nodes[2].data`; see `PathKeys`. */
export function formatPath(segments: readonly PropertyKey[], base = '', keys: PathKeys = 'quoted'): string {
  return segments.reduce<string>((path, key) => {
    const segment = typeof key === 'symbol' ? String(key) : (key as string | number);
    if (keys === 'quoted' || typeof segment === 'number') return childPath(path, segment);
    const name = clipText(segment, KEY_PREVIEW_CHARS);
    return path === '' ? name : `${path}.${name}`;
  }, base);
}

/** At most this many values of a list are quoted in a message; the rest are counted. */
export const QUOTED_ITEMS = 20;

/**
 * Values quoted as in JSON (each in part, see `previewValue`) and listed: `"A", "B"`, or with
 * `last` = `' and '`: `"A", "B" and "C"`. Past `QUOTED_ITEMS` values the rest are counted.
 */
export function quoteList(items: readonly unknown[], last = ', '): string {
  const quoted = items.slice(0, QUOTED_ITEMS).map((item) => previewValue(item));
  if (items.length > QUOTED_ITEMS)
    return `${quoted.join(', ')} and ${(items.length - QUOTED_ITEMS).toLocaleString('en-US')} more`;
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')}${last}${quoted[quoted.length - 1]}`;
}

/**
 * A value written as JSON, cut to about `max` characters (`"abc…"`, `[[["a"…`): what a message
 * quotes of a value. Writes only what it shows, without recursion, so a value nested thousands of
 * levels deep or megabytes long costs no more than a short one.
 */
export function previewValue(value: unknown, max = PREVIEW_CHARS): string {
  if (typeof value === 'string') return JSON.stringify(clipText(value, max));
  let out = '';
  // What is still to write, the next on top: a value, or literal text such as `,` or `]`.
  const stack: Array<{ value: unknown } | string> = [{ value }];
  while (stack.length > 0 && out.length <= max) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    const v = item.value;
    if (typeof v === 'string') out += JSON.stringify(clipText(v, max + 2 - out.length));
    else if (v === null) out += 'null';
    else if (Array.isArray(v)) {
      out += '[';
      stack.push(']');
      // Each item shows as a character at least: only those that can still show are queued.
      for (let i = Math.min(v.length, max - out.length + 1) - 1; i >= 0; i--)
        stack.push({ value: v[i] }, ...(i > 0 ? [','] : []));
    } else if (typeof v === 'object') {
      out += '{';
      stack.push('}');
      const keys: string[] = [];
      for (const key in v) {
        if (keys.length > max - out.length) break;
        if (Object.hasOwn(v, key)) keys.push(key);
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(
          { value: (v as Record<string, unknown>)[keys[i]] },
          `${JSON.stringify(clipText(keys[i], max))}:`,
          ...(i > 0 ? [','] : []),
        );
      }
    } else out += String(v);
  }
  return out.length > max ? clipText(out, max) : out;
}

/** A short, readable rendering of a value for a message: `"abc"`, `42`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return JSON.stringify(value.length > PREVIEW_CHARS ? `${value.slice(0, PREVIEW_CHARS)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** One line for a person: `nodes[2].data.values: "zed@example.com" is not a manager of this installation`. */
export function describeProblem(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
