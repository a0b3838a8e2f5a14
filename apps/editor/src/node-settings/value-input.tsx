import type { FieldValue } from '@leadflow/workflow';
import type { Field, Manager } from '../api/client';

/** An input that fits a field's type: numbers as numbers, booleans as a choice, managers by email. */
export function ValueInput({
  field,
  managers,
  value,
  onChange,
  label,
  id,
}: {
  field: Field | undefined;
  managers: Manager[];
  value: FieldValue | undefined;
  onChange: (value: FieldValue) => void;
  label: string;
  id?: string;
}) {
  const type = field?.type ?? 'text';
  if (type === 'boolean') {
    return (
      <select
        id={id}
        aria-label={label}
        value={String(value ?? '')}
        onChange={(event) => onChange(event.target.value === 'true')}
      >
        <option value="" disabled>
          choose…
        </option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (type === 'select' || type === 'manager') {
    const options =
      type === 'manager'
        ? managers.map((manager) => ({ value: manager.email, label: `${manager.name} <${manager.email}>` }))
        : (field?.options ?? []).map((option) => ({ value: option, label: option }));
    return (
      <select
        id={id}
        aria-label={label}
        value={value === null || value === undefined ? '' : String(value)}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">{type === 'manager' ? 'nobody (null)' : 'choose…'}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'number') {
    return (
      <input
        id={id}
        aria-label={label}
        type="number"
        value={typeof value === 'number' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))}
      />
    );
  }
  return (
    <input
      id={id}
      aria-label={label}
      type={type === 'date' ? 'date' : 'text'}
      value={value === null || value === undefined ? '' : String(value)}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
