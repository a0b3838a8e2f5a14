import { checkCondition } from './check-condition';
import { findRepeats } from './find-repeats';
import { childPath, describeValue, type Problem, type ProblemCode } from './problem';
import type { FieldValue, ReplaceWithOneOfData } from './schema';
import { normalizeEmail } from './workflow-context';

const MANAGER_ONLY = ['eligibility', 'sticky'] as const;

// Emails are compared without regard to case, so "Ada@x" and "ada@x" are the same manager.
const sameValueKey = (field: string, value: FieldValue) =>
  field === 'manager' && typeof value === 'string'
    ? `string:${normalizeEmail(value)}`
    : `${typeof value}:${String(value)}`;

/**
 * The rules between the options of a `replaceWithOneOf` node (`path` is the node's `data`):
 * weights exactly with `weighted` and one per value, `leastLoaded`/`eligibility`/`sticky` only on
 * the manager field, a safe eligibility condition, no value listed twice.
 */
export function checkReplaceOptions(data: ReplaceWithOneOfData, path: string): Problem[] {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, key: string | number, message: string, at = path) =>
    problems.push({ code, path: childPath(at, key), message });
  const strategy = data.strategy ?? 'roundRobin';

  if (strategy === 'weighted' && data.weights === undefined) {
    report(
      'required',
      'weights',
      'is required with strategy "weighted": one positive whole number per value',
    );
  }
  if (data.weights !== undefined && strategy !== 'weighted') {
    report(
      'not_applicable',
      'weights',
      `only apply with strategy "weighted", and the strategy is "${strategy}"`,
    );
  } else if (data.weights !== undefined && data.weights.length !== data.values.length) {
    report(
      'count_mismatch',
      'weights',
      `must hold one weight per value: there are ${data.values.length} values and ${data.weights.length} weights`,
    );
  }

  if (data.field !== 'manager') {
    if (strategy === 'leastLoaded')
      report('not_applicable', 'strategy', '"leastLoaded" applies to the manager field only');
    for (const key of MANAGER_ONLY) {
      if (data[key] !== undefined)
        report('not_applicable', key, `applies to the manager field only, not to "${data.field}"`);
    }
  }
  if (data.eligibility?.condition !== undefined) {
    problems.push(
      ...checkCondition(data.eligibility.condition, childPath(childPath(path, 'eligibility'), 'condition')),
    );
  }

  for (const { index, first } of findRepeats(data.values, (value) => sameValueKey(data.field, value))) {
    report(
      'duplicate_value',
      index,
      `${describeValue(data.values[index])} is listed twice (also at values[${first}])`,
      childPath(path, 'values'),
    );
  }
  return problems;
}
