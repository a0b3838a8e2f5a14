import type { FieldValue } from '@leadflow/workflow';
import type { Field, Manager } from '../api/client';
import { addValue, moveValue, removeValue, setWeight, type RotationValues } from './rotation-values';
import { ValueInput } from './value-input';
import { WeightInput } from './weight-input';

/** The values of a rotation on any field but the manager, in order, each with its weight when weighted. */
export function ValuesList({
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
