import { STRATEGIES, TRIGGER_EVENTS, type FieldValue } from '@leadflow/workflow';
import { useId } from 'react';
import type { Field, Manager } from '../api/client';
import { ConditionBuilder } from './condition-builder';
import { DurationInput } from './duration-input';
import { EligibilitySection } from './eligibility-section';
import { NODE_TITLES, type NodeOutline } from '../document/graph';
import { ManagerPicker } from './manager-picker';
import {
  addValue,
  moveValue,
  removeValue,
  setWeight,
  weightsInStep,
  type RotationValues,
} from './rotation-values';
import { ValueInput } from './value-input';
import { WeightInput } from './weight-input';

type Data = Record<string, unknown>;
type OnChange = (data: Data, coalesceKey?: string) => void;

const without = (data: Data, ...keys: string[]) =>
  Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));

function TextField({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

function FieldSelect({
  label,
  value,
  fields,
  onChange,
  allowAny,
}: {
  label: string;
  value: string | undefined;
  fields: Field[];
  onChange: (key: string | undefined) => void;
  allowAny?: string;
}) {
  const id = useId();
  const known = fields.some((field) => field.key === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        {allowAny !== undefined ? (
          <option value="">{allowAny}</option>
        ) : (
          <option value="" disabled>
            choose a field…
          </option>
        )}
        {value && !known && <option value={value}>{value} (unknown field)</option>}
        {fields.map((field) => (
          <option key={field.key} value={field.key}>
            {field.label} ({field.key})
          </option>
        ))}
      </select>
    </div>
  );
}

function TriggerForm({ data, fields, onChange }: { data: Data; fields: Field[]; onChange: OnChange }) {
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Event</label>
        <select
          id={id}
          value={String(data.event)}
          onChange={(event) => onChange({ ...without(data, 'field', 'tag'), event: event.target.value })}
        >
          {TRIGGER_EVENTS.map((event) => (
            <option key={event} value={event}>
              {event}
            </option>
          ))}
        </select>
      </div>
      {data.event === 'lead.fieldUpdated' && (
        <FieldSelect
          label="Field"
          value={data.field as string | undefined}
          fields={fields}
          allowAny="any field"
          onChange={(field) => onChange(field ? { ...data, field } : without(data, 'field'))}
        />
      )}
      {data.event === 'lead.tagAdded' && (
        <TextField
          label="Tag"
          placeholder="any tag"
          value={(data.tag as string | undefined) ?? ''}
          onChange={(tag) => onChange(tag ? { ...data, tag } : without(data, 'tag'), 'tag')}
        />
      )}
    </>
  );
}

const OPERATIONS = [
  { value: 'set', label: 'Set to a value' },
  { value: 'clear', label: 'Clear' },
  { value: 'replaceWithOneOf', label: 'Replace with one of (rotation)' },
];

/** The values of a rotation on any field but the manager, in order, each with its weight when weighted. */
function ValuesList({
  field,
  managers,
  rotation,
  onChange,
}: {
  field: Field | undefined;
  managers: Manager[];
  rotation: RotationValues<FieldValue>;
  onChange: (rotation: RotationValues<FieldValue>, coalesceKey?: string) => void;
}) {
  const { values, weights } = rotation;
  return (
    <div className="field">
      <span className="label">
        {weights ? 'Values and weights, in rotation order' : 'Values, in rotation order'}
      </span>
      <ol className="values">
        {values.map((value, index) => (
          <li key={index}>
            <ValueInput
              field={field}
              managers={managers}
              label={`Value ${index + 1}`}
              value={value}
              onChange={(next) =>
                onChange({ ...rotation, values: values.map((v, i) => (i === index ? next : v)) }, 'values')
              }
            />
            {weights && (
              <WeightInput
                label={`Weight of value ${index + 1}`}
                value={weights[index] ?? 1}
                onChange={(weight) => onChange(setWeight(rotation, index, weight), 'weights')}
              />
            )}
            <button
              type="button"
              aria-label={`Move value ${index + 1} up`}
              disabled={index === 0}
              onClick={() => onChange(moveValue(rotation, index, index - 1))}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move value ${index + 1} down`}
              disabled={index === values.length - 1}
              onClick={() => onChange(moveValue(rotation, index, index + 1))}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`Remove value ${index + 1}`}
              onClick={() => onChange(removeValue(rotation, index))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange(addValue(rotation, field?.type === 'number' ? 0 : ''))}>
        Add a value
      </button>
    </div>
  );
}

function UpdateFieldForm({
  data,
  fields,
  managers,
  onChange,
}: {
  data: Data;
  fields: Field[];
  managers: Manager[];
  onChange: OnChange;
}) {
  const operationId = useId();
  const strategyId = useId();
  const valueId = useId();
  const stickyId = useId();
  const field = fields.find((candidate) => candidate.key === data.field);
  const isManager = data.field === 'manager';
  const values = Array.isArray(data.values) ? (data.values as FieldValue[]) : [];
  const strategy = String(data.strategy ?? 'roundRobin');
  // With `weighted` every value shows a weight; one a file left out shows as 1 (and is written at the next edit).
  const weights =
    strategy === 'weighted'
      ? weightsInStep(values.length, Array.isArray(data.weights) ? (data.weights as number[]) : [])
      : undefined;
  const withRotation = (rotation: RotationValues<FieldValue>): Data =>
    rotation.weights
      ? { ...data, values: rotation.values, weights: rotation.weights }
      : { ...without(data, 'weights'), values: rotation.values };
  const eligibility = (data.eligibility ?? {}) as Data;
  const base = { ...(data.label !== undefined ? { label: data.label } : {}), field: data.field };

  const setOperation = (operation: string) => {
    if (operation === 'set') onChange({ ...base, operation, value: null });
    else if (operation === 'clear') onChange({ ...base, operation });
    else onChange({ ...base, operation, values: [], strategy: 'roundRobin' });
  };

  return (
    <>
      <FieldSelect
        label="Field"
        value={data.field as string | undefined}
        fields={fields}
        onChange={(key) => {
          // Values of the old field rarely fit the new one, and manager-only options never do.
          const next: Data = {
            ...without(data, 'value', 'values', 'weights', 'eligibility', 'sticky'),
            field: key,
          };
          if (data.operation === 'set') next.value = null;
          if (data.operation === 'replaceWithOneOf') {
            next.values = [];
            if (strategy === 'weighted') next.weights = [];
            if (strategy === 'leastLoaded' && key !== 'manager') next.strategy = 'roundRobin';
          }
          onChange(next);
        }}
      />
      <div className="field">
        <label htmlFor={operationId}>Operation</label>
        <select
          id={operationId}
          value={String(data.operation)}
          onChange={(event) => setOperation(event.target.value)}
        >
          {OPERATIONS.map((operation) => (
            <option key={operation.value} value={operation.value}>
              {operation.label}
            </option>
          ))}
        </select>
      </div>
      {data.operation === 'set' && (
        <div className="field">
          <label htmlFor={valueId}>Value</label>
          <ValueInput
            id={valueId}
            field={field}
            managers={managers}
            label="Value"
            value={data.value as FieldValue}
            onChange={(value) => onChange({ ...data, value }, 'value')}
          />
        </div>
      )}
      {data.operation === 'replaceWithOneOf' && (
        <>
          <div className="field">
            <label htmlFor={strategyId}>Strategy</label>
            <select
              id={strategyId}
              value={strategy}
              onChange={(event) => {
                const next: Data = { ...without(data, 'weights'), strategy: event.target.value };
                if (event.target.value === 'weighted') next.weights = values.map(() => 1);
                onChange(next);
              }}
            >
              {/* leastLoaded counts a manager's open leads; on another field it is listed only when a file chose it. */}
              {STRATEGIES.filter(
                (option) => isManager || option !== 'leastLoaded' || option === strategy,
              ).map((option) => (
                <option key={option} value={option}>
                  {option}
                  {!isManager && option === 'leastLoaded' ? ' (manager field only)' : ''}
                </option>
              ))}
            </select>
          </div>
          {isManager ? (
            <div className="field">
              <span className="label">Managers, in rotation order</span>
              <ManagerPicker
                values={values.map(String)}
                weights={weights}
                managers={managers}
                onChange={(nextValues, nextWeights) =>
                  onChange(withRotation({ values: nextValues, weights: nextWeights }))
                }
              />
            </div>
          ) : (
            <ValuesList
              field={field}
              managers={managers}
              rotation={{ values, weights }}
              onChange={(rotation, coalesceKey) => onChange(withRotation(rotation), coalesceKey)}
            />
          )}
          {!isManager && (data.eligibility !== undefined || data.sticky !== undefined) && (
            <p className="error-text">
              Eligibility and keeping accounts together apply to the manager field only.{' '}
              <button type="button" onClick={() => onChange(without(data, 'eligibility', 'sticky'))}>
                Remove them
              </button>
            </p>
          )}
          {isManager && (
            <fieldset>
              <legend>Eligibility</legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={eligibility.skipUnavailable !== false}
                  onChange={(event) =>
                    onChange({
                      ...data,
                      eligibility: { ...eligibility, skipUnavailable: event.target.checked },
                    })
                  }
                />
                Skip unavailable managers
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={eligibility.respectCapacity !== false}
                  onChange={(event) =>
                    onChange({
                      ...data,
                      eligibility: { ...eligibility, respectCapacity: event.target.checked },
                    })
                  }
                />
                Respect capacity
              </label>
              <EligibilitySection
                eligibility={eligibility}
                emails={values.map(String)}
                excludeCurrent={data.excludeCurrent === true}
                fields={fields}
                managers={managers}
                onChange={(next, coalesceKey) =>
                  onChange(
                    Object.keys(next).length > 0
                      ? { ...data, eligibility: next }
                      : without(data, 'eligibility'),
                    coalesceKey,
                  )
                }
              />
              <div className="field">
                <label htmlFor={stickyId}>Keep accounts together</label>
                <select
                  id={stickyId}
                  value={String((data.sticky as Data | undefined)?.by ?? '')}
                  onChange={(event) =>
                    onChange(
                      event.target.value
                        ? { ...data, sticky: { by: event.target.value } }
                        : without(data, 'sticky'),
                    )
                  }
                >
                  <option value="">no</option>
                  <option value="company">same company</option>
                  <option value="emailDomain">same email domain</option>
                </select>
              </div>
            </fieldset>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={data.excludeCurrent === true}
              onChange={(event) =>
                onChange(
                  event.target.checked ? { ...data, excludeCurrent: true } : without(data, 'excludeCurrent'),
                )
              }
            />
            Never give the value the lead has now
          </label>
        </>
      )}
    </>
  );
}

function SplitForm({ data, onChange }: { data: Data; onChange: OnChange }) {
  const branches = Array.isArray(data.branches) ? (data.branches as { id: string; percent: number }[]) : [];
  const total = branches.reduce((sum, branch) => sum + (Number(branch.percent) || 0), 0);
  const set = (next: typeof branches) => onChange({ ...data, branches: next }, 'branches');
  return (
    <div className="field">
      <span className="label">Branches</span>
      <ul className="branches">
        {branches.map((branch, index) => (
          <li key={index}>
            <input
              aria-label={`Branch ${index + 1} id`}
              value={branch.id}
              onChange={(event) =>
                set(branches.map((b, i) => (i === index ? { ...b, id: event.target.value } : b)))
              }
            />
            <input
              aria-label={`Branch ${index + 1} percent`}
              type="number"
              min={1}
              max={99}
              value={branch.percent}
              onChange={(event) =>
                set(branches.map((b, i) => (i === index ? { ...b, percent: Number(event.target.value) } : b)))
              }
            />
            %
            <button
              type="button"
              aria-label={`Remove branch ${branch.id}`}
              onClick={() => set(branches.filter((_, i) => i !== index))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <p className={total === 100 ? 'hint' : 'error-text'}>
        Total: {total}%{total === 100 ? '' : ' (must be 100%)'}
      </p>
      <button
        type="button"
        onClick={() =>
          set([
            ...branches,
            { id: String.fromCharCode(65 + branches.length), percent: Math.max(1, 100 - total) },
          ])
        }
      >
        Add a branch
      </button>
    </div>
  );
}

/** The form of the selected node. Every edit hands the node's complete new `data` to `onChange`. */
export function SettingsPanel({
  node,
  fields,
  managers,
  onChange,
}: {
  node: NodeOutline;
  fields: Field[];
  managers: Manager[];
  onChange: OnChange;
}) {
  const data = node.data;
  return (
    <form
      className="settings"
      onSubmit={(event) => event.preventDefault()}
      aria-label={`${NODE_TITLES[node.type!]} settings`}
    >
      <h3>
        {NODE_TITLES[node.type!]} <code>{node.id}</code>
      </h3>
      <TextField
        label="Label"
        placeholder="shown on the canvas"
        value={(data.label as string | undefined) ?? ''}
        onChange={(label) => onChange(label ? { ...data, label } : without(data, 'label'), 'label')}
      />
      {node.type === 'trigger' && <TriggerForm data={data} fields={fields} onChange={onChange} />}
      {node.type === 'filter' && (
        <div className="field">
          <span className="label">Condition</span>
          <ConditionBuilder
            key={node.id}
            condition={data.condition}
            fields={fields}
            onChange={(condition) => onChange({ ...data, condition }, 'condition')}
          />
        </div>
      )}
      {node.type === 'updateField' && (
        <UpdateFieldForm data={data} fields={fields} managers={managers} onChange={onChange} />
      )}
      {(node.type === 'addTag' || node.type === 'removeTag') && (
        <TextField
          label="Tag"
          value={String(data.tag ?? '')}
          onChange={(tag) => onChange({ ...data, tag }, 'tag')}
        />
      )}
      {node.type === 'wait' && (
        <DurationInput
          value={String(data.duration ?? '')}
          onChange={(duration) => onChange({ ...data, duration }, 'duration')}
        />
      )}
      {node.type === 'split' && <SplitForm data={data} onChange={onChange} />}
    </form>
  );
}
