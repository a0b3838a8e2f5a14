import { useState } from 'react';
import { parseWeight } from './rotation-values';

/**
 * A value's weight, a positive whole number. What is typed stays in the input while it is not one
 * (empty, 0, 1.5), marked invalid, and the node keeps its last weight; leaving the input shows it again.
 */
export function WeightInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange: (weight: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const invalid = draft !== null && parseWeight(draft) === null;
  return (
    <input
      type="number"
      min={1}
      step={1}
      className="weight"
      aria-label={label}
      aria-invalid={invalid || undefined}
      title={invalid ? 'A weight is a positive whole number' : 'Weight'}
      value={draft ?? String(value)}
      onChange={(event) => {
        setDraft(event.target.value);
        const weight = parseWeight(event.target.value);
        if (weight !== null) onChange(weight);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
