/**
 * What kind of problem a `Problem` is, as a word a program can switch on; the `message` says it for
 * people. Stable: add, never rename (API clients read them in every 4xx body's `issues`).
 */
export const PROBLEM_CODES = [
  // ---- any JSON document or request
  /** A required property is missing. */
  'required',
  /** A value of the wrong JSON type (a string where a number belongs, not an object, …). */
  'invalid_type',
  /** A value of the right type that is not one of those allowed (an enum, a literal, a rule of its own). */
  'invalid_value',
  /** A string that does not have the form asked for (an id's characters, an email, a time range). */
  'invalid_format',
  /** Too short, too few items, or too small a number. */
  'too_small',
  /** Too long, too many items, or too large a number. */
  'too_big',
  /** A property the object does not have. */
  'unknown_property',
  /** A key such as `__proto__` or `constructor`, refused anywhere in a document. */
  'forbidden_key',
  /** A document nested deeper than `MAX_JSON_DEPTH` levels. */
  'too_deep',
  /** A body that is not JSON. */
  'invalid_json',
  /** Bytes that are not UTF-8 (a body, a %-escape in a URL). */
  'invalid_encoding',
  /** A field key not spelled `^[a-z][A-Za-z0-9_]{0,39}$`, or a reserved one. */
  'invalid_field_key',
  /** A value listed twice where each must be once. */
  'duplicate_value',
  // ---- a workflow file (workflow-format.md)
  /** A node `type` the format does not know. */
  'unknown_node_type',
  /** A trigger `event` the format does not know. */
  'unknown_trigger_event',
  /** An updateField `operation` the format does not know. */
  'unknown_update_operation',
  /** An id (of a node, an edge, a split's branch) that is already taken in its list. */
  'duplicate_id',
  /** An edge's `source` or `target` that names no node. */
  'unknown_node',
  /** An edge leaving its node by a `sourceHandle` the node does not have. */
  'invalid_source_handle',
  /** A field the installation does not have. */
  'unknown_field',
  /** A value that does not fit its field's type or options. */
  'invalid_field_value',
  /** An email that names no manager of the installation. */
  'unknown_manager',
  /** An option that applies only with another one (weights without `weighted`, sticky off the manager field). */
  'not_applicable',
  /** Lists that must be as long as each other and are not (weights and values). */
  'count_mismatch',
  /** A split's percents that do not add up to 100. */
  'percents_not_100',
  /** A wait's duration that is not ISO 8601. */
  'invalid_duration',
  /** A wait's duration under 1 second or over 365 days. */
  'duration_out_of_range',
  // ---- a condition (JSONLogic)
  /** A JSONLogic operation that is not json-logic-js's or one of the format's additions. */
  'unknown_operation',
  /** A condition that could reach outside the lead: `method`, `log`, a computed path, `__proto__` in a path. */
  'unsafe_condition',
  /** A condition that is no well-formed JSONLogic (an object with other than one key, `var` with three arguments). */
  'invalid_condition',
  /** Operations nested deeper than `MAX_CONDITION_DEPTH`. */
  'condition_too_deep',
  /** A condition certain to cost more than `CONDITION_BUDGET` when evaluated. */
  'condition_over_budget',
  // ---- activation (checkActivation)
  /** A workflow without a trigger. */
  'no_trigger',
  /** A trigger past the first. */
  'extra_trigger',
  /** An edge into the trigger. */
  'edge_into_trigger',
  /** Nodes that loop back to themselves. */
  'cycle',
  /** A node the trigger does not lead to. */
  'unreachable',
  /** A builder rule without its value (or a `between` without an end). */
  'incomplete_rule',
  /** An `and`/`or` group without rules. */
  'empty_group',
  /** A replaceWithOneOf node without values to give. */
  'no_values',
  /** A replaceWithOneOf node with more than `MAX_VALUES` values. */
  'too_many_values',
] as const;
/** One of `PROBLEM_CODES`. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * One thing wrong with a workflow or a request: its kind (`code`), where (`path`:
 * `nodes[2].data.values`, `""` for the whole document) and what, in words (`message`), and, when it
 * is about one node of a workflow, that node's id (`nodeId`).
 */
export interface Problem {
  code: ProblemCode;
  path: string;
  message: string;
  nodeId?: string;
}

const PROBLEM_CODE_SET: ReadonlySet<string> = new Set(PROBLEM_CODES);

/**
 * The `params` of a zod refinement whose problem has this code (`zodIssueCode` reads it back):
 * `ctx.addIssue({ code: 'custom', message, params: problemParams('duplicate_value') })`.
 */
export const problemParams = (code: ProblemCode): { code: ProblemCode } => ({ code });

/** Whether `value` is one of `PROBLEM_CODES`. */
export const isProblemCode = (value: unknown): value is ProblemCode =>
  typeof value === 'string' && PROBLEM_CODE_SET.has(value);

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
export function describeProblem(problem: Pick<Problem, 'path' | 'message'>): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
