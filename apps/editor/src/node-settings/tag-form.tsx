import { TextField, type NodeFormProps } from './form-fields';

/** The tag an addTag or removeTag node adds or removes. */
export function TagForm({ data, onChange }: NodeFormProps) {
  return (
    <TextField
      label="Tag"
      value={String(data.tag ?? '')}
      onChange={(tag) => onChange({ ...data, tag }, 'tag')}
    />
  );
}
