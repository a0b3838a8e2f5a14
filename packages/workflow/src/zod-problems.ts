import type { z } from 'zod';
import {
  describeValue,
  formatPath,
  isProblemCode,
  quoteList,
  previewValue,
  type Problem,
  type ProblemCode,
} from './problem';

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

const describeSize = (
  issue: { origin: string; inclusive?: boolean },
  bound: number | bigint,
  side: 'least' | 'most',
) => {
  const count = Number(bound).toLocaleString('en-US');
  switch (issue.origin) {
    case 'string':
      return side === 'least' && bound === 1 ? 'must not be empty' : `must be at ${side} ${count} characters`;
    case 'array':
      return `must hold at ${side} ${count} items`;
    default:
      if (issue.inclusive === false) return `must be ${side === 'least' ? 'greater' : 'less'} than ${count}`;
      return `must be at ${side} ${count}`;
  }
};

// Fallback messages for the issues a schema does not word itself.
const readableErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case 'too_small':
      return describeSize(issue, issue.minimum, 'least');
    case 'too_big':
      return describeSize(issue, issue.maximum, 'most');
    case 'invalid_value':
      return `must be ${quoteList(issue.values, ' or ')}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    default:
      return undefined;
  }
};

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
};

const isMissing = (issue: z.core.$ZodIssue, input: unknown) =>
  (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value') &&
  issue.path.length > 0 &&
  valueAt(input, issue.path) === undefined;

// The format's discriminated unions, by the key that tells their members apart.
const UNKNOWN_DISCRIMINATOR: Record<string, ProblemCode> = {
  type: 'unknown_node_type',
  event: 'unknown_trigger_event',
  operation: 'unknown_update_operation',
};

/**
 * The `ProblemCode` of a zod issue: `required` for a missing value (see `zodProblems`), the code a
 * refinement names in its params (`{ params: { code: 'duplicate_value' } }`), else one by zod's
 * code (`invalid_type`, `too_big`, `unknown_property`, …; a discriminator no member has:
 * `unknown_node_type` for a node's `type`, and the like for `event` and `operation`).
 */
export function zodIssueCode(issue: z.core.$ZodIssue, input: unknown): ProblemCode {
  if (isMissing(issue, input)) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type';
    case 'too_small':
      return 'too_small';
    case 'too_big':
      return 'too_big';
    case 'unrecognized_keys':
      return 'unknown_property';
    case 'invalid_format':
      return 'invalid_format';
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: unknown }).discriminator;
      return (typeof discriminator === 'string' && UNKNOWN_DISCRIMINATOR[discriminator]) || 'invalid_value';
    }
    case 'custom': {
      const code: unknown = issue.params?.code;
      return isProblemCode(code) ? code : 'invalid_value';
    }
    default:
      return 'invalid_value';
  }
}

/** Zod's issues as problems under `base`: "is required" for a missing key, one problem per unknown key. */
export function zodProblems(error: z.ZodError, input: unknown, base: string): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    const path = formatPath(issue.path, base);
    const code = zodIssueCode(issue, input);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ code, path, message: `unknown property ${previewValue(key)}` }));
    }
    return [{ code, path, message: isMissing(issue, input) ? 'is required' : issue.message }];
  });
}

// The input without the keys zod did not know, or undefined when it had other complaints. Copies
// only the objects on the way to those keys (not the whole input, which may be nested too deep to
// copy by recursion).
const withoutUnknownKeys = (input: unknown, issues: z.core.$ZodIssue[]): unknown => {
  if (!issues.every((issue) => issue.code === 'unrecognized_keys')) return undefined;
  const copied = new Set<object>();
  const copyOf = (value: object): Record<PropertyKey, unknown> => {
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<PropertyKey, unknown>;
    copied.add(copy);
    return copy;
  };
  const root = { value: input as unknown };
  for (const issue of issues) {
    let owner = root as Record<PropertyKey, unknown>;
    let key: PropertyKey = 'value';
    for (const segment of [...issue.path]) {
      const child = owner[key];
      if (typeof child !== 'object' || child === null) return undefined;
      if (!copied.has(child)) owner[key] = copyOf(child);
      owner = owner[key] as Record<PropertyKey, unknown>;
      key = segment;
    }
    const target = owner[key];
    if (typeof target !== 'object' || target === null) return undefined;
    const copy = copied.has(target) ? (target as Record<PropertyKey, unknown>) : copyOf(target);
    owner[key] = copy;
    for (const unknownKey of issue.keys) delete copy[unknownKey];
  }
  return root.value;
};

/**
 * Parses `input` with `schema`; on failure, the problems with paths under `base` and readable
 * messages, and, when unknown keys were the only problems, the value read without them (`partial`),
 * so that later checks can still report what else is wrong.
 */
export function parseWithProblems<S extends z.ZodType>(
  schema: S,
  input: unknown,
  base: string,
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[]; partial?: z.output<S> } {
  const result = schema.safeParse(input, { error: readableErrors });
  if (result.success) return { ok: true, value: result.data };
  const problems = zodProblems(result.error, input, base);
  const lenient = withoutUnknownKeys(input, result.error.issues);
  const retry = lenient === undefined ? undefined : schema.safeParse(lenient);
  return retry?.success ? { ok: false, problems, partial: retry.data } : { ok: false, problems };
}
