import { TRIGGER_EVENTS } from '@leadflow/workflow';
import { useId } from 'react';
import { FieldSelect, TextField, without, type NodeFormProps } from './form-fields';

/** A trigger's event, and for a field update or an added tag which field or tag (any when empty). */
export function TriggerForm({ data, fields, onChange }: NodeFormProps) {
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
