import { useEffect, useId, useMemo, useState } from 'react';
import { QueryBuilder, formatQuery, type Field as RqbField, type RuleGroupType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import type { Field } from '../api/client';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The JSONLogic of a query; an empty query lets every lead pass. */
export function conditionOf(query: RuleGroupType): unknown {
  const logic = formatQuery(query, 'jsonlogic');
  return logic === false ? true : logic;
}

function queryOf(condition: unknown): RuleGroupType | null {
  if (condition === true) return { combinator: 'and', rules: [] };
  try {
    const query = parseJsonLogic(condition as Parameters<typeof parseJsonLogic>[0]);
    // The builder always writes a group: a single rule comes back wrapped in "and".
    const isGroup =
      typeof condition === 'object' && condition !== null && ('and' in condition || 'or' in condition);
    return same(conditionOf(query), isGroup ? condition : { and: [condition] }) ? query : null;
  } catch {
    return null;
  }
}

/** The builder's fields for a lead condition: the lead's fields, its tags and the event. */
export function builderFields(fields: Field[]): RqbField[] {
  const list: RqbField[] = fields.map((field) => ({
    name: `lead.${field.key}`,
    label: field.label,
    ...(field.type === 'number' ? { inputType: 'number' } : {}),
    ...(field.type === 'date' ? { inputType: 'date' } : {}),
    ...(field.type === 'boolean'
      ? {
          valueEditorType: 'select',
          values: [
            { name: 'true', label: 'true' },
            { name: 'false', label: 'false' },
          ],
        }
      : {}),
    ...(field.type === 'select' && field.options
      ? {
          valueEditorType: 'select',
          values: field.options.map((option) => ({ name: option, label: option })),
        }
      : {}),
  }));
  list.push({
    name: 'lead.tags',
    label: 'Tags',
    operators: [
      { name: 'contains', label: 'contains' },
      { name: 'doesNotContain', label: 'does not contain' },
    ],
  });
  // What happened: the event that started the run (workflow-format.md, JSONLogic data).
  list.push(
    {
      name: 'event.type',
      label: 'Event',
      valueEditorType: 'select',
      values: [
        { name: 'lead.created', label: 'lead created' },
        { name: 'lead.fieldUpdated', label: 'field updated' },
        { name: 'lead.tagAdded', label: 'tag added' },
      ],
    },
    {
      name: 'event.field',
      label: 'Event: field updated',
      valueEditorType: 'select',
      values: fields.map((field) => ({ name: field.key, label: field.label })),
    },
    { name: 'event.from', label: 'Event: old value' },
    { name: 'event.to', label: 'Event: new value' },
    { name: 'event.tag', label: 'Event: tag added' },
  );
  return list;
}

/**
 * A filter's condition: a visual builder over the lead's fields, and the JSONLogic itself for
 * what the builder cannot show. Both write the same `condition`.
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
  choices?: RqbField[];
}) {
  const jsonId = useId();
  const built = useMemo(() => queryOf(condition), [condition]);
  const [view, setView] = useState<'builder' | 'json'>(built ? 'builder' : 'json');
  const [query, setQuery] = useState<RuleGroupType>(built ?? { combinator: 'and', rules: [] });
  const [text, setText] = useState(() => JSON.stringify(condition, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const rqbFields = useMemo(() => choices ?? builderFields(fields), [choices, fields]);

  // Follow changes made elsewhere (undo, the other view) without fighting the user's typing.
  useEffect(() => {
    if (built && !same(conditionOf(query), conditionOf(built))) setQuery(built);
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
          <QueryBuilder
            fields={rqbFields}
            query={query}
            enableMountQueryChange={false}
            onQueryChange={(next) => {
              setQuery(next);
              // Only real edits: re-emitting the same rule in the builder's own wording is no change.
              if (!same(conditionOf(next), conditionOf(query))) onChange(conditionOf(next));
            }}
            controlClassnames={{ queryBuilder: 'qb' }}
          />
        ) : (
          <p className="notice">
            This condition uses operations the builder cannot show. Edit it in the JSON view, or{' '}
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
