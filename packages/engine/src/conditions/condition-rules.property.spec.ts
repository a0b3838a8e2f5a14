// What the admin draws is what runs: for every field type × operator × value, the builder's rules
// survive JSONLogic unchanged, and the engine's verdict on a lead is the one the rule's words promise.
import {
  checkCondition,
  findIncompleteRules,
  logicToRules,
  operatorsFor,
  rulesToLogic,
  type Rule,
  type RuleField,
  type RuleGroup,
  type RuleOperator,
  type RuleScalar,
} from '@leadflow/workflow';
import fc from 'fast-check';
import { compileCondition } from './condition';

const FIELDS: RuleField[] = [
  { name: 'lead.company', label: 'Company', type: 'text' },
  { name: 'lead.score', label: 'Score', type: 'number' },
  { name: 'lead.vip', label: 'VIP', type: 'boolean' },
  { name: 'lead.since', label: 'Since', type: 'date' },
  {
    name: 'lead.plan',
    label: 'Plan',
    type: 'select',
    options: ['free', 'pro', 'team'].map((value) => ({ value, label: value })),
  },
  { name: 'lead.manager', label: 'Manager', type: 'manager' },
  { name: 'lead.tags', label: 'Tags', type: 'list' },
];
const byName = new Map(FIELDS.map((field) => [field.name, field]));
const keyOf = (field: RuleField) => field.name.slice('lead.'.length);

// Few distinct values, so that rules and leads often meet.
const TEXTS = ['de', 'DE', 'De', 'dex', 'xde', 'at', 'AT', 'ch'];
const DAYS = ['2025-02-28', '2025-03-01', '2025-03-02'];
const EMAILS = ['ada@example.com', 'bo@example.com', 'cy@example.com'];
const valueOf = (field: RuleField): fc.Arbitrary<RuleScalar> => {
  switch (field.type) {
    case 'number':
      return fc.integer({ min: -8, max: 8 }).map((n) => n / 2);
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.constantFrom(...DAYS);
    case 'select':
      return fc.constantFrom(...field.options!.map((option) => option.value));
    case 'manager':
      return fc.constantFrom(...EMAILS);
    default:
      return fc.constantFrom(...TEXTS);
  }
};
// What a lead may hold in a field: its type's values, date-times on those days, or nothing at all.
const leadValueOf = (field: RuleField): fc.Arbitrary<unknown> => {
  if (field.type === 'list') return fc.subarray(TEXTS);
  const typed =
    field.type === 'date'
      ? fc.oneof(
          valueOf(field),
          fc.constantFrom(...DAYS.flatMap((day) => [`${day}T00:00:00Z`, `${day}T23:59:59Z`])),
        )
      : valueOf(field);
  const empty =
    field.type === 'text' ? fc.constantFrom(undefined, null, '') : fc.constantFrom(undefined, null);
  return fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: empty });
};

const ruleArb: fc.Arbitrary<Rule> = fc
  .constantFrom(...FIELDS)
  .chain((field) => fc.tuple(fc.constant(field), fc.constantFrom(...operatorsFor(field.type))))
  .chain(([field, operator]): fc.Arbitrary<Rule> => {
    const rule = (value: fc.Arbitrary<Rule['value']>) =>
      value.map((v) => ({ field: field.name, operator, value: v }));
    if (operator === 'isSet' || operator === 'isNotSet') return rule(fc.constant(null));
    if (operator === 'in' || operator === 'notIn')
      return rule(fc.uniqueArray(valueOf(field), { minLength: 1, maxLength: 3 }));
    if (operator === 'between') return rule(fc.tuple(valueOf(field), valueOf(field)));
    return rule(valueOf(field));
  });

const groupArb: fc.Arbitrary<RuleGroup> = fc.letrec<{ group: RuleGroup; item: Rule | RuleGroup }>((tie) => ({
  group: fc.record({
    combinator: fc.constantFrom('and' as const, 'or' as const),
    rules: fc.array(tie('item'), { minLength: 1, maxLength: 4 }),
  }),
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, ruleArb, tie('group')),
})).group;

const leadArb = fc.record(
  Object.fromEntries(FIELDS.map((field) => [keyOf(field), leadValueOf(field)])) as Record<
    string,
    fc.Arbitrary<unknown>
  >,
);

// ---- The oracle: what each rule says in words, written without JSONLogic ----

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';
const time = (value: unknown) => Date.parse(String(value));

function promised(rule: Rule, lead: Record<string, unknown>): boolean {
  const field = byName.get(rule.field)!;
  const actual = lead[keyOf(field)];
  const value = rule.value;
  if (field.type === 'list') {
    // Tags compare without regard to case (api.md, Leads); other lists compare exactly.
    const same = (tag: string) =>
      rule.field === 'lead.tags' ? tag.toLowerCase() === String(value).toLowerCase() : tag === value;
    const has = ((actual as string[] | undefined) ?? []).some(same);
    return rule.operator === 'contains' ? has : !has;
  }
  if (rule.operator === 'isSet') return isSet(actual);
  if (rule.operator === 'isNotSet') return !isSet(actual);
  // Every other rule speaks of the field's value: a field without one never passes.
  if (!isSet(actual)) return false;
  const ops: Record<Exclude<RuleOperator, 'isSet' | 'isNotSet'>, () => boolean> = {
    '==': () => actual === value,
    '!=': () => actual !== value,
    equalsIgnoreCase: () => String(actual).toLowerCase() === String(value).toLowerCase(),
    contains: () => String(actual).includes(String(value)),
    doesNotContain: () => !String(actual).includes(String(value)),
    startsWith: () => String(actual).startsWith(String(value)),
    endsWith: () => String(actual).endsWith(String(value)),
    // Dates: "before the day" and "on or after the day", in UTC.
    '<': () => (field.type === 'date' ? time(actual) < time(value) : (actual as number) < (value as number)),
    '<=': () => (actual as number) <= (value as number),
    '>': () => (actual as number) > (value as number),
    '>=': () =>
      field.type === 'date' ? time(actual) >= time(value) : (actual as number) >= (value as number),
    between: () => {
      const [from, to] = value as [number, number];
      return from <= (actual as number) && (actual as number) <= to;
    },
    in: () => (value as RuleScalar[]).includes(actual as RuleScalar),
    notIn: () => !(value as RuleScalar[]).includes(actual as RuleScalar),
  };
  return ops[rule.operator]();
}

const promisedByGroup = (group: RuleGroup, lead: Record<string, unknown>): boolean => {
  const verdicts = group.rules.map((item) =>
    'combinator' in item ? promisedByGroup(item, lead) : promised(item, lead),
  );
  return group.combinator === 'and' ? verdicts.every(Boolean) : verdicts.some(Boolean);
};

// Without undefined keys: a missing field is absent from the lead, as the engine's data has it.
const present = (lead: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(lead).filter(([, value]) => value !== undefined));

describe('condition builder rules (property)', () => {
  it('come back unchanged from their JSONLogic, which is safe and complete', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        const logic = rulesToLogic(group, FIELDS);
        expect(logicToRules(logic, FIELDS)).toEqual(group);
        expect(checkCondition(logic, 'condition')).toEqual([]);
        expect(findIncompleteRules(logic, 'condition')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('let a lead through exactly when their words say so', () => {
    fc.assert(
      fc.property(groupArb, fc.array(leadArb, { minLength: 1, maxLength: 5 }), (group, leads) => {
        const condition = compileCondition(rulesToLogic(group, FIELDS));
        for (const lead of leads)
          expect(condition.test({ lead: present(lead) })).toBe(promisedByGroup(group, lead));
      }),
      { numRuns: 500 },
    );
  });

  it('report a rule whose value is not given, and still come back unchanged', () => {
    const unfinished = ruleArb
      .filter((rule) => rule.operator !== 'isSet' && rule.operator !== 'isNotSet')
      .chain((rule) =>
        fc
          .constantFrom<Rule['value']>(
            ...(rule.operator === 'in' || rule.operator === 'notIn'
              ? [[]]
              : rule.operator === 'between'
                ? [
                    [null, null] as Rule['value'],
                    [(rule.value as RuleScalar[])[0], null] as Rule['value'],
                    [null, (rule.value as RuleScalar[])[1]] as Rule['value'],
                  ]
                : [null]),
          )
          .map((value) => ({ ...rule, value }) as Rule),
      );
    fc.assert(
      fc.property(unfinished, fc.constantFrom('and' as const, 'or' as const), (rule, combinator) => {
        const group: RuleGroup = { combinator, rules: [rule] };
        const logic = rulesToLogic(group, FIELDS);
        expect(logic).not.toBe(true);
        expect(logicToRules(logic, FIELDS)).toEqual(group);
        expect(findIncompleteRules(logic, 'condition')).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
