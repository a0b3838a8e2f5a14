import {
  coerceRuleValue,
  describeRule,
  emptyRuleValue,
  isRuleGroup,
  leadRuleFields,
  logicToRules,
  operatorsFor,
  operatorWords,
  ruleGap,
  rulesToLogic,
  type Rule,
  type RuleField,
  type RuleGroup,
  type RuleOperator,
  type RuleScalar,
} from '@leadflow/workflow';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Field } from '../api/client';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The builder's fields for a lead condition: the lead's fields, its tags and the event. */
export function builderFields(fields: Field[]): RuleField[] {
  return leadRuleFields(fields);
}

const SCALAR_OPERATORS = new Set<RuleOperator>([
  '==',
  '!=',
  'equalsIgnoreCase',
  'contains',
  'doesNotContain',
  'startsWith',
  'endsWith',
  '<',
  '<=',
  '>',
  '>=',
]);

const shown = (value: RuleScalar | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/**
 * One typed value: a select for true/false and a select field's options, an input otherwise. Keeps
 * what is being typed ("1." on the way to "1.5") while the rule holds the typed value it stands for.
 */
function ValueInput({
  field,
  value,
  label,
  onChange,
}: {
  field: RuleField;
  value: RuleScalar | null;
  label: string;
  onChange: (value: RuleScalar | null) => void;
}) {
  const [text, setText] = useState(shown(value));
  useEffect(() => {
    if (!same(coerceRuleValue(field.type, text), value)) setText(shown(value));
  }, [value, field.type]);
  const choices =
    field.type === 'boolean'
      ? [
          { value: 'true', label: 'true' },
          { value: 'false', label: 'false' },
        ]
      : field.type === 'select'
        ? (field.options ?? [])
        : null;
  if (choices)
    return (
      <select
        aria-label={label}
        value={shown(value)}
        aria-invalid={value === null}
        onChange={(event) => onChange(coerceRuleValue(field.type, event.target.value))}
      >
        <option value="">choose…</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  return (
    <input
      aria-label={label}
      type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
      value={text}
      aria-invalid={value === null}
      onChange={(event) => {
        setText(event.target.value);
        const next = coerceRuleValue(field.type, event.target.value);
        if (!same(next, value)) onChange(next);
      }}
    />
  );
}

/** The list of `in` / `not in`: one chip per value, and an input that adds one (Enter or comma). */
function ListInput({
  field,
  values,
  onChange,
}: {
  field: RuleField;
  values: RuleScalar[];
  onChange: (values: RuleScalar[]) => void;
}) {
  const [draft, setDraft] = useState('');
  const add = (texts: string[]) => {
    const added = texts
      .map((text) => coerceRuleValue(field.type, text.trim()))
      .filter((value): value is RuleScalar => value !== null && !values.includes(value));
    if (added.length > 0) onChange([...values, ...new Set(added)]);
  };
  const wordOf = (value: RuleScalar) =>
    field.options?.find((option) => option.value === value)?.label ?? String(value);
  return (
    <div className="chips" aria-invalid={values.length === 0}>
      {values.map((value) => (
        <span className="chip" key={String(value)}>
          {wordOf(value)}
          <button
            type="button"
            aria-label={`Remove ${wordOf(value)}`}
            onClick={() => onChange(values.filter((other) => other !== value))}
          >
            ×
          </button>
        </span>
      ))}
      {field.options ? (
        <select
          aria-label="Add a value"
          value=""
          onChange={(event) => event.target.value && add([event.target.value])}
        >
          <option value="">add…</option>
          {field.options
            .filter((option) => !values.includes(option.value))
            .map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
        </select>
      ) : (
        <input
          aria-label="Add a value"
          type={field.type === 'number' ? 'number' : 'text'}
          placeholder={values.length === 0 ? 'type a value, Enter' : 'add…'}
          value={draft}
          onChange={(event) => {
            // A comma ends a value, so "DE, AT, CH" can be typed or pasted in one go.
            const parts = event.target.value.split(',');
            if (parts.length > 1) {
              add(parts.slice(0, -1));
              setDraft(parts[parts.length - 1]);
            } else setDraft(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add([draft]);
              setDraft('');
            } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
              onChange(values.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim() === '') return;
            add([draft]);
            setDraft('');
          }}
        />
      )}
    </div>
  );
}

function RuleRow({
  rule,
  fields,
  onChange,
  onRemove,
}: {
  rule: Rule;
  fields: RuleField[];
  onChange: (rule: Rule) => void;
  onRemove: () => void;
}) {
  const field = fields.find((candidate) => candidate.name === rule.field) ?? fields[0];
  const operators = operatorsFor(field.type);
  const gap = ruleGap(rule);
  const setOperator = (operator: RuleOperator) => {
    // A single value stays when the operator still takes one; lists and ranges start over.
    const keeps = SCALAR_OPERATORS.has(operator) && SCALAR_OPERATORS.has(rule.operator);
    onChange({ ...rule, operator, value: keeps ? rule.value : emptyRuleValue(operator) });
  };
  const setField = (name: string) => {
    const next = fields.find((candidate) => candidate.name === name)!;
    const nextOperators = operatorsFor(next.type);
    const operator = nextOperators.includes(rule.operator) ? rule.operator : nextOperators[0];
    onChange({ field: name, operator, value: emptyRuleValue(operator) });
  };
  const range = (Array.isArray(rule.value) ? rule.value : [null, null]) as (RuleScalar | null)[];
  return (
    <li className="rule">
      <select aria-label="Field" value={field.name} onChange={(event) => setField(event.target.value)}>
        {fields.map((candidate) => (
          <option key={candidate.name} value={candidate.name}>
            {candidate.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Operator"
        value={rule.operator}
        onChange={(event) => setOperator(event.target.value as RuleOperator)}
      >
        {operators.map((operator) => (
          <option key={operator} value={operator}>
            {operatorWords(operator, field.type)}
          </option>
        ))}
      </select>
      {(rule.operator === 'in' || rule.operator === 'notIn') && (
        <ListInput
          field={field}
          values={Array.isArray(rule.value) ? (rule.value as RuleScalar[]) : []}
          onChange={(value) => onChange({ ...rule, value })}
        />
      )}
      {rule.operator === 'between' && (
        <>
          <ValueInput
            field={field}
            label="From"
            value={range[0] ?? null}
            onChange={(from) => onChange({ ...rule, value: [from, range[1] ?? null] })}
          />
          <span>and</span>
          <ValueInput
            field={field}
            label="To"
            value={range[1] ?? null}
            onChange={(to) => onChange({ ...rule, value: [range[0] ?? null, to] })}
          />
        </>
      )}
      {SCALAR_OPERATORS.has(rule.operator) && (
        <ValueInput
          field={field}
          label="Value"
          value={Array.isArray(rule.value) ? null : rule.value}
          onChange={(value) => onChange({ ...rule, value })}
        />
      )}
      <button type="button" aria-label="Remove rule" onClick={onRemove}>
        ×
      </button>
      <small className={gap ? 'rule-words error-text' : 'rule-words hint'}>
        {gap ? `Unfinished: this rule ${gap}` : describeRule(rule, field)}
      </small>
    </li>
  );
}

function GroupBox({
  group,
  fields,
  onChange,
  onRemove,
}: {
  group: RuleGroup;
  fields: RuleField[];
  onChange: (group: RuleGroup) => void;
  onRemove?: () => void;
}) {
  const setItem = (index: number, item: Rule | RuleGroup) =>
    onChange({ ...group, rules: group.rules.map((other, i) => (i === index ? item : other)) });
  const removeItem = (index: number) =>
    onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) });
  const newRule = (): Rule => {
    const operator = operatorsFor(fields[0].type)[0];
    return { field: fields[0].name, operator, value: emptyRuleValue(operator) };
  };
  return (
    <div className="ruleGroup">
      <div className="ruleGroup-header">
        <select
          aria-label="Combinator"
          value={group.combinator}
          onChange={(event) => onChange({ ...group, combinator: event.target.value as 'and' | 'or' })}
        >
          <option value="and">all of (and)</option>
          <option value="or">any of (or)</option>
        </select>
        <button type="button" onClick={() => onChange({ ...group, rules: [...group.rules, newRule()] })}>
          + Rule
        </button>
        <button
          type="button"
          onClick={() =>
            onChange({ ...group, rules: [...group.rules, { combinator: 'and', rules: [newRule()] }] })
          }
        >
          + Group
        </button>
        {onRemove && (
          <button type="button" aria-label="Remove group" onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      {onRemove && group.rules.length === 0 && (
        <small className="error-text">Unfinished: an empty group. Add a rule or remove it.</small>
      )}
      <ul className="ruleGroup-body">
        {group.rules.map((item, index) =>
          isRuleGroup(item) ? (
            <li key={index}>
              <GroupBox
                group={item}
                fields={fields}
                onChange={(next) => setItem(index, next)}
                onRemove={() => removeItem(index)}
              />
            </li>
          ) : (
            <RuleRow
              key={index}
              rule={item}
              fields={fields}
              onChange={(next) => setItem(index, next)}
              onRemove={() => removeItem(index)}
            />
          ),
        )}
      </ul>
    </div>
  );
}

/**
 * A filter's condition: a visual builder over the lead's fields, and the JSONLogic itself for
 * what the builder cannot show. Both write the same `condition`. The builder reads and writes
 * through the format package's `logicToRules` / `rulesToLogic`, so what it shows is what runs:
 * typed values, lists for `in`, an "is set" guard on comparisons, and unfinished rules kept as
 * such (they block activation) rather than dropped.
 */
export function ConditionBuilder({
  condition,
  fields,
  onChange,
  choices,
}: {
  condition: unknown;
  fields: Field[];
  onChange: (condition: unknown) => void;
  /** What the builder offers instead of the lead's fields and the event (another data shape). */
  choices?: RuleField[];
}) {
  const jsonId = useId();
  const ruleFields = useMemo(() => choices ?? builderFields(fields), [choices, fields]);
  const built = useMemo(() => logicToRules(condition, ruleFields), [condition, ruleFields]);
  // Until the user picks a view, it follows the condition: one the builder cannot show yet (its
  // fields still loading, say) moves to the builder once it can.
  const [chosenView, setView] = useState<'builder' | 'json' | null>(null);
  const view = chosenView ?? (built ? 'builder' : 'json');
  const [text, setText] = useState(() => JSON.stringify(condition, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);

  // Follow changes made elsewhere (undo, the builder) without fighting the user's typing.
  useEffect(() => {
    let typed: unknown = undefined;
    try {
      typed = JSON.parse(text);
    } catch {
      // Half-typed JSON: keep what the user is writing.
      return;
    }
    if (!same(typed, condition)) {
      setText(JSON.stringify(condition, null, 2));
      setJsonError(null);
    }
  }, [condition]);

  return (
    <div className="condition">
      <div className="tabs" role="group" aria-label="Condition view">
        <button type="button" aria-pressed={view === 'builder'} onClick={() => setView('builder')}>
          Builder
        </button>
        <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
          JSON
        </button>
      </div>
      {view === 'builder' &&
        (built ? (
          <div className="qb">
            <GroupBox
              group={built}
              fields={ruleFields}
              onChange={(next) => onChange(rulesToLogic(next, ruleFields))}
            />
          </div>
        ) : (
          <p className="notice">
            The builder cannot show this condition exactly as it runs (it uses operations or a form the
            builder does not write). Edit it in the JSON view, or{' '}
            <button type="button" className="link" onClick={() => onChange(true)}>
              start over
            </button>
            .
          </p>
        ))}
      {view === 'json' && (
        <div className="field">
          <label htmlFor={jsonId}>JSONLogic</label>
          <textarea
            id={jsonId}
            className="code"
            rows={10}
            spellCheck={false}
            value={text}
            aria-invalid={jsonError !== null}
            onChange={(event) => {
              setView('json');
              setText(event.target.value);
              try {
                const parsed: unknown = JSON.parse(event.target.value);
                setJsonError(null);
                onChange(parsed);
              } catch (error) {
                setJsonError(error instanceof Error ? error.message : 'not JSON');
              }
            }}
          />
          {jsonError && (
            <small className="error-text" role="alert">
              Not valid JSON yet: {jsonError}
            </small>
          )}
        </div>
      )}
    </div>
  );
}
