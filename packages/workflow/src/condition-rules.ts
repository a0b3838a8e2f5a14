import type { FieldDef, FieldType } from './fields';
import { childPath, type Problem } from './problem';

/**
 * The type of what a builder rule reads: a field type (fields.ts), or `list` for a list of
 * strings such as `lead.tags` (contains / does not contain).
 */
export type RuleFieldType = FieldType | 'list';

/** Something a builder rule can read: its JSONLogic path (`lead.dealValue`), words and type. */
export interface RuleField {
  /** The `var` path: `lead.dealValue`, `event.type`, `candidate.openLeads`. */
  name: string;
  label: string;
  type: RuleFieldType;
  /** The choices of a `select`: the stored value and the words shown for it. */
  options?: { value: string; label: string }[];
}

/**
 * What a rule checks. `==` … `>=`, `startsWith`, `endsWith`, `equalsIgnoreCase` compare the field
 * with one value; `between` with two (both ends included); `in` / `notIn` with a list; `contains` /
 * `doesNotContain` look for a piece of text (text fields) or an item (lists); `isSet` / `isNotSet`
 * take no value.
 */
export type RuleOperator =
  | '=='
  | '!='
  | 'equalsIgnoreCase'
  | 'contains'
  | 'doesNotContain'
  | 'startsWith'
  | 'endsWith'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'between'
  | 'in'
  | 'notIn'
  | 'isSet'
  | 'isNotSet';

/** A value of a rule, typed by its field: a string, a number or true/false. */
export type RuleScalar = string | number | boolean;

/**
 * A rule's value: one scalar (`null` while not given) for the comparisons, a list for `in` /
 * `notIn` (empty while not given), `[from, to]` for `between` (`null` ends while not given),
 * `null` for `isSet` / `isNotSet`.
 */
export type RuleValue = RuleScalar | null | RuleScalar[] | [RuleScalar | null, RuleScalar | null];

/** One rule of the builder: a field, what is checked, against what. */
export interface Rule {
  field: string;
  operator: RuleOperator;
  value: RuleValue;
}

/** Rules joined by `and` (all must hold) or `or` (one is enough); groups nest. */
export interface RuleGroup {
  combinator: 'and' | 'or';
  rules: (Rule | RuleGroup)[];
}

/** Whether an item of a group is itself a group. */
export const isRuleGroup = (item: Rule | RuleGroup): item is RuleGroup => 'combinator' in item;

const OPERATORS: Record<RuleFieldType, readonly RuleOperator[]> = {
  text: [
    '==',
    '!=',
    'equalsIgnoreCase',
    'contains',
    'doesNotContain',
    'startsWith',
    'endsWith',
    'in',
    'notIn',
    'isSet',
    'isNotSet',
  ],
  number: ['==', '!=', '<', '<=', '>', '>=', 'between', 'in', 'notIn', 'isSet', 'isNotSet'],
  boolean: ['==', '!=', 'isSet', 'isNotSet'],
  // ISO dates compare as text: "before a day" and "on or after a day" hold for date-times too.
  date: ['<', '>=', 'isSet', 'isNotSet'],
  select: ['==', '!=', 'in', 'notIn', 'isSet', 'isNotSet'],
  manager: ['==', '!=', 'in', 'notIn', 'isSet', 'isNotSet'],
  list: ['contains', 'doesNotContain'],
};

/** The operators offered for a field of `type`, in the order the builder lists them. */
export function operatorsFor(type: RuleFieldType): readonly RuleOperator[] {
  return OPERATORS[type];
}

const WORDS: Record<RuleOperator, string> = {
  '==': 'is',
  '!=': 'is not',
  equalsIgnoreCase: 'equals (any case)',
  contains: 'contains',
  doesNotContain: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  between: 'is between',
  in: 'is one of',
  notIn: 'is not one of',
  isSet: 'is set',
  isNotSet: 'is not set',
};

/** An operator in words for a field of `type` (`<` on a date is "is before"). */
export function operatorWords(operator: RuleOperator, type?: RuleFieldType): string {
  if (type === 'date' && operator === '<') return 'is before';
  if (type === 'date' && operator === '>=') return 'is on or after';
  return WORDS[operator];
}

/** The value a rule starts with when its operator is chosen: nothing given yet. */
export function emptyRuleValue(operator: RuleOperator): RuleValue {
  if (operator === 'in' || operator === 'notIn') return [];
  if (operator === 'between') return [null, null];
  return null;
}

/**
 * What a person typed or picked, as a value of a field of `type`: a finite number for `number`
 * (`"90"` → `90`), `true`/`false` for `boolean` (`"true"` → `true`), the text otherwise. Blank
 * text, a number that is not one, or anything else that does not fit is `null` (not given).
 */
export function coerceRuleValue(type: RuleFieldType, text: string): RuleScalar | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (type === 'number') {
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : null;
  }
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : null;
  return text;
}

/** The fields a lead condition offers: the lead's fields, its tags and the event that started the run. */
export function leadRuleFields(fields: readonly FieldDef[]): RuleField[] {
  return [
    ...fields.map((field): RuleField => ({
      name: `lead.${field.key}`,
      label: field.label,
      type: field.type,
      ...(field.type === 'select'
        ? { options: (field.options ?? []).map((value) => ({ value, label: value })) }
        : {}),
    })),
    { name: 'lead.tags', label: 'Tags', type: 'list' },
    {
      name: 'event.type',
      label: 'Event',
      type: 'select',
      options: [
        { value: 'lead.created', label: 'lead created' },
        { value: 'lead.fieldUpdated', label: 'field updated' },
        { value: 'lead.tagAdded', label: 'tag added' },
      ],
    },
    {
      name: 'event.field',
      label: 'Event: field updated',
      type: 'select',
      options: fields.map((field) => ({ value: field.key, label: field.label })),
    },
    { name: 'event.from', label: 'Event: old value', type: 'text' },
    { name: 'event.to', label: 'Event: new value', type: 'text' },
    { name: 'event.tag', label: 'Event: tag added', type: 'text' },
  ];
}

// ---- Builder → JSONLogic ----

const fieldVar = (name: string) => ({ var: name });
const isSetLogic = (name: string) => ({ '!': { missing: name } });
const COMPARISONS = new Set<RuleOperator>([
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'startsWith',
  'endsWith',
  'equalsIgnoreCase',
]);

/** The comparison of a rule without its "is set" guard. */
function comparisonLogic({ field, operator, value }: Rule): unknown {
  const v = fieldVar(field);
  if (COMPARISONS.has(operator)) return { [operator]: [v, value] };
  switch (operator) {
    case 'between': {
      const [from, to] = Array.isArray(value) ? value : [null, null];
      return { '<=': [from ?? null, v, to ?? null] };
    }
    case 'in':
      return { in: [v, Array.isArray(value) ? value : []] };
    case 'notIn':
      return { '!': { in: [v, Array.isArray(value) ? value : []] } };
    case 'contains':
      return { in: [value, v] };
    case 'doesNotContain':
      return { '!': { in: [value, v] } };
    default:
      throw new Error(`"${operator}" is not a comparison`);
  }
}

/**
 * One rule as JSONLogic. A comparison holds only when the field is set (neither missing, `null`
 * nor `""`): `{"and": [{"!": {"missing": "lead.dealValue"}}, {"<": [{"var": "lead.dealValue"}, 1000]}]}`,
 * because plain JSONLogic compares a missing value as 0. Lists (`type` `list`, such as tags) are
 * always there and are not guarded. A value not given is written as `null` (an empty list, a `null`
 * end of `between`): `findIncompleteRules` reports it.
 */
export function ruleToLogic(rule: Rule, type: RuleFieldType): unknown {
  if (rule.operator === 'isSet') return isSetLogic(rule.field);
  if (rule.operator === 'isNotSet') return { missing: rule.field };
  const comparison = comparisonLogic(rule);
  return type === 'list' ? comparison : { and: [isSetLogic(rule.field), comparison] };
}

/**
 * A builder's rules as JSONLogic: `true` for no rules at all, otherwise `{"and": [...]}` or
 * `{"or": [...]}` with one item per rule or nested group (see `ruleToLogic`). `fields` gives each
 * rule's type; a rule on a field not among them is written as a text rule.
 */
export function rulesToLogic(group: RuleGroup, fields: readonly RuleField[]): unknown {
  if (group.rules.length === 0) return true;
  const types = new Map(fields.map((field) => [field.name, field.type]));
  const write = (item: Rule | RuleGroup): unknown =>
    isRuleGroup(item)
      ? { [item.combinator]: item.rules.map(write) }
      : ruleToLogic(item, types.get(item.field) ?? 'text');
  return write(group);
}

// ---- JSONLogic → builder ----

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The single operation of `value` and its arguments, or null. */
const operationOf = (value: unknown): [string, unknown] | null => {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 ? [keys[0], value[keys[0]]] : null;
};

const isScalar = (value: unknown): value is RuleScalar =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));
const isSlot = (value: unknown): value is RuleScalar | null => value === null || isScalar(value);

/** The path of `{"var": "lead.x"}`, or null. */
const varPath = (value: unknown): string | null => {
  const op = operationOf(value);
  return op && op[0] === 'var' && typeof op[1] === 'string' && op[1] !== '' ? op[1] : null;
};

const pair = (args: unknown): [unknown, unknown] | null =>
  Array.isArray(args) && args.length === 2 ? [args[0], args[1]] : null;

/** A comparison on `{"var": field}` as written by `comparisonLogic`, or null. */
function readComparison(logic: unknown, field: string): Rule | null {
  const op = operationOf(logic);
  if (!op) return null;
  const [name, args] = op;
  if (name === '!') {
    const inner = readComparison(Array.isArray(args) && args.length === 1 ? args[0] : args, field);
    if (inner?.operator === 'in') return { ...inner, operator: 'notIn' };
    if (inner?.operator === 'contains') return { ...inner, operator: 'doesNotContain' };
    return null;
  }
  if (name === '<=' && Array.isArray(args) && args.length === 3) {
    const [from, v, to] = args;
    return varPath(v) === field && isSlot(from) && isSlot(to)
      ? { field, operator: 'between', value: [from, to] }
      : null;
  }
  const two = pair(args);
  if (!two) return null;
  if (name === 'in') {
    if (varPath(two[0]) === field && Array.isArray(two[1]) && two[1].every(isScalar))
      return { field, operator: 'in', value: two[1] };
    if (varPath(two[1]) === field && isSlot(two[0])) return { field, operator: 'contains', value: two[0] };
    return null;
  }
  if (COMPARISONS.has(name as RuleOperator) && varPath(two[0]) === field && isSlot(two[1]))
    return { field, operator: name as RuleOperator, value: two[1] };
  return null;
}

/**
 * One rule read from JSONLogic by its shape alone (no field types): the forms `ruleToLogic` writes.
 * Null when `logic` is not one of them.
 */
function readRuleShape(logic: unknown): Rule | null {
  const op = operationOf(logic);
  if (!op) return null;
  const [name, args] = op;
  if (name === 'missing' && typeof args === 'string')
    return { field: args, operator: 'isNotSet', value: null };
  if (name === '!') {
    const inner = operationOf(args);
    if (inner && inner[0] === 'missing' && typeof inner[1] === 'string')
      return { field: inner[1], operator: 'isSet', value: null };
  }
  if (name === 'and') {
    const two = pair(args);
    const guard = two && operationOf(two[0]);
    const guarded = guard && guard[0] === '!' ? operationOf(guard[1]) : null;
    if (two && guarded && guarded[0] === 'missing' && typeof guarded[1] === 'string')
      return readComparison(two[1], guarded[1]);
    return null;
  }
  // Unguarded: a list's contains / does not contain.
  const path =
    name === 'in'
      ? varPath(pair(args)?.[1])
      : name === '!'
        ? varPath(pair(operationOf(args)?.[1])?.[1])
        : null;
  if (!path) return null;
  const rule = readComparison(logic, path);
  return rule && (rule.operator === 'contains' || rule.operator === 'doesNotContain') ? rule : null;
}

const valueFits = (value: unknown, field: RuleField): boolean => {
  if (value === null) return true;
  switch (field.type) {
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
};

/** Whether a rule suits its field: an operator offered for the type and values of the type. */
function ruleFits(rule: Rule, field: RuleField): boolean {
  if (!operatorsFor(field.type).includes(rule.operator)) return false;
  switch (rule.operator) {
    case 'isSet':
    case 'isNotSet':
      return rule.value === null;
    case 'in':
    case 'notIn':
    case 'between':
      return Array.isArray(rule.value) && rule.value.every((item) => valueFits(item, field));
    default:
      return !Array.isArray(rule.value) && valueFits(rule.value, field);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The builder's rules for a JSONLogic condition, or `null` when the builder cannot show it exactly:
 * `true` is an empty `and` group; otherwise the condition must be an `and` / `or` group written the
 * way `rulesToLogic` writes it, every rule on one of `fields` with an operator offered for its type
 * and values of its type. Writing the result back gives `logic` again, unchanged.
 */
export function logicToRules(logic: unknown, fields: readonly RuleField[]): RuleGroup | null {
  if (logic === true) return { combinator: 'and', rules: [] };
  const byName = new Map(fields.map((field) => [field.name, field]));
  const read = (node: unknown): Rule | RuleGroup | null => {
    const rule = readRuleShape(node);
    const field = rule && byName.get(rule.field);
    if (rule && field && ruleFits(rule, field) && same(ruleToLogic(rule, field.type), node)) return rule;
    const op = operationOf(node);
    if (!op || (op[0] !== 'and' && op[0] !== 'or') || !Array.isArray(op[1])) return null;
    const rules: (Rule | RuleGroup)[] = [];
    for (const item of op[1]) {
      const read_ = read(item);
      if (!read_) return null;
      rules.push(read_);
    }
    return { combinator: op[0], rules };
  };
  const group = read(logic);
  if (!group || !isRuleGroup(group) || group.rules.length === 0) return null;
  return same(rulesToLogic(group, fields), logic) ? group : null;
}

// ---- Incomplete rules ----

const isMissing = (value: unknown) => value === null || value === '';

/** What a rule lacks, in words, or null when it is complete. */
export function ruleGap(rule: Rule): string | null {
  switch (rule.operator) {
    case 'isSet':
    case 'isNotSet':
      return null;
    case 'in':
    case 'notIn':
      return Array.isArray(rule.value) && rule.value.length > 0 ? null : 'has no values in its list';
    case 'between': {
      const [from, to] = Array.isArray(rule.value) ? rule.value : [null, null];
      if (isMissing(from) && isMissing(to)) return 'has neither end of its range';
      if (isMissing(from) || isMissing(to))
        return `has only one end of its range (${isMissing(from) ? 'from' : 'to'} is missing)`;
      return null;
    }
    default:
      return isMissing(rule.value) ? 'has no value' : null;
  }
}

/**
 * The builder rules in a condition that are not finished: a rule written by `ruleToLogic` whose
 * value was not given (`null` or `""`, an empty list, a `between` missing an end), and groups with
 * no rules (`{"and": []}`). Each is a problem at its own path (`path` is the condition's). A rule
 * written by hand in another shape keeps JSONLogic's meaning and is never reported.
 */
export function findIncompleteRules(logic: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, childPath(at, index)));
      return;
    }
    const rule = readRuleShape(node);
    if (rule) {
      const gap = ruleGap(rule);
      if (gap)
        problems.push({
          code: 'incomplete_rule',
          path: at,
          message: `the rule "${rule.field} ${operatorWords(rule.operator)}" ${gap}: finish it or remove it`,
        });
      return;
    }
    const op = operationOf(node);
    if (!op) return;
    if ((op[0] === 'and' || op[0] === 'or') && Array.isArray(op[1]) && op[1].length === 0) {
      problems.push({
        code: 'empty_group',
        path: at,
        message: `the "${op[0]}" group has no rules: add one or remove the group`,
      });
      return;
    }
    visit(op[1], childPath(at, op[0]));
  };
  visit(logic, path);
  return problems;
}

// ---- Words ----

const valueWords = (value: unknown, field?: RuleField): string => {
  if (value === null || value === '') return '…';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') {
    const option = field?.options?.find((item) => item.value === value);
    return JSON.stringify(option ? option.label : value);
  }
  return String(value);
};

const GUARD_WORTH_SAYING = new Set<RuleOperator>([
  '!=',
  'doesNotContain',
  '<',
  '<=',
  '>',
  '>=',
  'between',
  'notIn',
]);

/**
 * A rule as a person reads it, saying when it needs the field to be set: `Deal value is set and
 * is less than 1,000`, `Country is one of "DE", "AT"`. `field` gives the label and type; without
 * it the path is shown without `lead.`.
 */
export function describeRule(rule: Rule, field?: RuleField): string {
  const name = field?.label ?? rule.field.replace(/^lead\./, '');
  const words = operatorWords(rule.operator, field?.type);
  if (rule.operator === 'isSet' || rule.operator === 'isNotSet') return `${name} ${words}`;
  const values = Array.isArray(rule.value) ? rule.value : [rule.value];
  const shown =
    rule.operator === 'between'
      ? `${valueWords(values[0], field)} and ${valueWords(values[1], field)}`
      : rule.operator === 'in' || rule.operator === 'notIn'
        ? values.map((value) => valueWords(value, field)).join(', ') || '…'
        : valueWords(rule.value, field);
  // Equality, contains and the like cannot hold on a missing value; the others need saying.
  const guarded = field?.type !== 'list' && GUARD_WORTH_SAYING.has(rule.operator);
  return `${name} ${guarded ? 'is set and ' : ''}${words} ${shown}`;
}

/** A builder condition in words (`Score is at least 50 and Tags contains "hot"`), or null when it is not one. */
export function describeRules(logic: unknown, fields: readonly RuleField[] = []): string | null {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const say = (node: unknown, nested: boolean): string | null => {
    const rule = readRuleShape(node);
    if (rule) return describeRule(rule, byName.get(rule.field));
    const op = operationOf(node);
    if (!op || (op[0] !== 'and' && op[0] !== 'or') || !Array.isArray(op[1]) || op[1].length === 0)
      return null;
    const parts = op[1].map((item) => say(item, true));
    if (parts.some((part) => part === null)) return null;
    const text = parts.join(` ${op[0]} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  return say(logic, false);
}
