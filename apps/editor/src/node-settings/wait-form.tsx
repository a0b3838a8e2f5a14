import { DurationInput } from './duration-input';
import type { NodeFormProps } from './form-fields';

/** How long a wait node waits. */
export function WaitForm({ data, onChange }: NodeFormProps) {
  return (
    <DurationInput
      value={String(data.duration ?? '')}
      onChange={(duration) => onChange({ ...data, duration }, 'duration')}
    />
  );
}
