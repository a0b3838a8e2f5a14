import type { Eligibility, RuleField } from '@leadflow/workflow';
import { useMemo, useState } from 'react';
import type { Field, Manager } from '../api/client';
import { builderFields, ConditionBuilder } from './condition-builder';
import { leadOf, previewEligibility, SKIP_REASON_TEXT } from './eligibility-preview';

type Data = Record<string, unknown>;

/** What a candidate condition can read: the rep (`candidate.…`) and the lead (`lead.…`). */
export function candidateChoices(fields: Field[], managers: Manager[]): RuleField[] {
  const attributes = new Map<string, unknown>();
  for (const manager of managers)
    for (const [key, value] of Object.entries(manager.attributes ?? {}))
      if (!attributes.has(key)) attributes.set(key, value);
  const rep: RuleField[] = [
    { name: 'candidate.email', label: 'Rep: email', type: 'text' },
    { name: 'candidate.name', label: 'Rep: name', type: 'text' },
    { name: 'candidate.available', label: 'Rep: available', type: 'boolean' },
    { name: 'candidate.openLeads', label: 'Rep: open leads', type: 'number' },
    { name: 'candidate.capacity', label: 'Rep: capacity', type: 'number' },
    ...[...attributes.keys()].sort().map((key): RuleField => {
      const sample = attributes.get(key);
      return {
        name: `candidate.attributes.${key}`,
        label: `Rep: ${key}`,
        type: Array.isArray(sample)
          ? 'list'
          : typeof sample === 'number'
            ? 'number'
            : typeof sample === 'boolean'
              ? 'boolean'
              : 'text',
      };
    }),
  ];
  const lead = builderFields(fields)
    .filter((field) => field.name.startsWith('lead.'))
    .map((field) => ({ ...field, label: `Lead: ${field.label}` }));
  return [...rep, ...lead];
}

function Preview({
  emails,
  managers,
  fields,
  eligibility,
  excludeCurrent,
}: {
  emails: string[];
  managers: Manager[];
  fields: Field[];
  eligibility: Eligibility;
  excludeCurrent: boolean;
}) {
  const [pairs, setPairs] = useState<{ key: string; value: string }[]>([{ key: '', value: '' }]);
  // Evaluated at each render, so working hours and away dates are read at the current time.
  const preview = previewEligibility({
    emails,
    managers,
    eligibility,
    excludeCurrent,
    lead: leadOf(pairs, fields),
    now: new Date(),
  });
  const set = (index: number, change: Partial<{ key: string; value: string }>) =>
    setPairs(pairs.map((pair, i) => (i === index ? { ...pair, ...change } : pair)));
  return (
    <div className="field preview">
      <span className="label">Try with a lead</span>
      <ul className="pairs">
        {pairs.map((pair, index) => (
          <li key={index}>
            <select
              aria-label={`Lead field ${index + 1}`}
              value={pair.key}
              onChange={(event) => set(index, { key: event.target.value })}
            >
              <option value="">field…</option>
              {fields.map((field) => (
                <option key={field.key} value={field.key}>
                  {field.label}
                </option>
              ))}
            </select>
            <input
              aria-label={`Lead value ${index + 1}`}
              value={pair.value}
              onChange={(event) => set(index, { value: event.target.value })}
            />
            <button
              type="button"
              aria-label={`Remove lead field ${index + 1}`}
              onClick={() => setPairs(pairs.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setPairs([...pairs, { key: '', value: '' }])}>
        Add a lead field
      </button>
      <ul className="outcomes" aria-label="Eligibility preview">
        {!preview.ok && (
          <li role="alert" className="error-text">
            The run would fail: {preview.error}
          </li>
        )}
        {preview.ok && preview.outcomes.length === 0 && <li className="hint">No manager on the list yet.</li>}
        {preview.ok &&
          preview.outcomes.map((outcome, index) => (
            <li key={`${outcome.email}-${index}`}>
              {outcome.name}:{' '}
              {outcome.eligible ? (
                <span className="pill good">eligible</span>
              ) : (
                <span className="pill warn" title={outcome.reason}>
                  skipped: {SKIP_REASON_TEXT[outcome.reason]}
                </span>
              )}
            </li>
          ))}
      </ul>
      <small className="hint">As the engine decides for a lead arriving now, working hours included.</small>
    </div>
  );
}

/**
 * The manager rotation's candidate condition ("Only reps who…") and a preview of who would be
 * eligible for a lead. Writes `eligibility.condition`; clearing it removes the key.
 */
export function EligibilitySection({
  eligibility,
  emails,
  excludeCurrent,
  fields,
  managers,
  onChange,
}: {
  eligibility: Data;
  emails: string[];
  excludeCurrent: boolean;
  fields: Field[];
  managers: Manager[];
  onChange: (eligibility: Data, coalesceKey?: string) => void;
}) {
  const hasCondition = eligibility.condition !== undefined;
  const [open, setOpen] = useState(hasCondition);
  const choices = useMemo(() => candidateChoices(fields, managers), [fields, managers]);
  const withoutCondition = () =>
    Object.fromEntries(Object.entries(eligibility).filter(([key]) => key !== 'condition'));
  return (
    <div className="eligibility-condition">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} Only reps who…{hasCondition && !open ? ' (set)' : ''}
      </button>
      {open && (
        <>
          <ConditionBuilder
            condition={eligibility.condition ?? true}
            fields={fields}
            choices={choices}
            onChange={(condition) =>
              // An empty query lets every rep through: that is no condition at all.
              onChange(
                condition === true ? withoutCondition() : { ...eligibility, condition },
                'eligibility.condition',
              )
            }
          />
          {hasCondition && (
            <button type="button" onClick={() => onChange(withoutCondition())}>
              Clear the condition
            </button>
          )}
          <Preview
            emails={emails}
            managers={managers}
            fields={fields}
            eligibility={eligibility as Eligibility}
            excludeCurrent={excludeCurrent}
          />
        </>
      )}
    </div>
  );
}
