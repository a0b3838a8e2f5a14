import { STRATEGIES, type FieldValue } from '@leadflow/workflow';
import { useId } from 'react';
import { EligibilitySection } from './eligibility-section';
import { FieldSelect, without, type Data, type NodeFormProps } from './form-fields';
import { ManagerPicker } from './manager-picker';
import { weightsInStep, type RotationValues } from './rotation-values';
import { ValueInput } from './value-input';
import { ValuesList } from './values-list';

const OPERATIONS = [
  { value: 'set', label: 'Set to a value' },
  { value: 'clear', label: 'Clear' },
  { value: 'replaceWithOneOf', label: 'Replace with one of (rotation)' },
];

/**
 * An update of a lead's field: set a value, clear it, or replace it with one of several values in
 * rotation (with weights, and for the manager field eligibility and keeping accounts together).
 */
export function UpdateFieldForm({ data, fields, managers, onChange }: NodeFormProps) {
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
