import { useId } from 'react';
import type { Field, Manager } from '../api/client';

/** A node's `data`, as the workflow format has it. */
export type Data = Record<string, unknown>;
/** Hands the node's complete new `data` on; edits with the same `coalesceKey` close together are one undo step. */
export type OnChange = (data: Data, coalesceKey?: string) => void;

/** What every node type's form is given: the node's id and data, the fields and managers to choose from. */
export interface NodeFormProps {
  nodeId: string;
  data: Data;
  fields: Field[];
  managers: Manager[];
  onChange: OnChange;
}

/** `data` without the given keys. */
export const without = (data: Data, ...keys: string[]) =>
  Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));

/** A labelled text input. */
export function TextField({
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

/** A labelled choice among the lead's fields; `allowAny` names the empty choice, when there is one. */
export function FieldSelect({
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
