import { useId } from 'react';
import { durationParts, type DurationUnit } from '@leadflow/workflow';

const UNITS = [
  { unit: 'S', label: 'seconds', time: true },
  { unit: 'M', label: 'minutes', time: true },
  { unit: 'H', label: 'hours', time: true },
  { unit: 'D', label: 'days', time: false },
] as const;
type Unit = (typeof UNITS)[number]['unit'];
const UNIT_OF: Partial<Record<DurationUnit, Unit>> = { day: 'D', hour: 'H', minute: 'M', second: 'S' };

/** "PT2H" → { amount: 2, unit: "H" }; null when the duration is not one whole amount of one unit. */
export function splitDuration(duration: string): { amount: number; unit: Unit } | null {
  const [part, ...more] = durationParts(duration) ?? [];
  const unit = part && more.length === 0 && /^\d+$/.test(part.amount) ? UNIT_OF[part.unit] : undefined;
  return unit ? { amount: part.value, unit } : null;
}

export function joinDuration(amount: number, unit: Unit): string {
  return unit === 'D' ? `P${amount}D` : `PT${amount}${unit}`;
}

/** A number and a unit, written as an ISO 8601 duration; other durations stay editable as text. */
export function DurationInput({ value, onChange }: { value: string; onChange: (duration: string) => void }) {
  const id = useId();
  const parts = splitDuration(value);
  if (!parts) {
    return (
      <div className="field">
        <label htmlFor={id}>Duration (ISO 8601)</label>
        <input id={id} value={value} onChange={(event) => onChange(event.target.value)} />
        <button type="button" onClick={() => onChange('PT1H')}>
          Use number and unit
        </button>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>Wait for</label>
      <div className="row">
        <input
          id={id}
          type="number"
          min={1}
          step={1}
          value={parts.amount}
          onChange={(event) =>
            onChange(joinDuration(Math.max(0, Math.floor(Number(event.target.value) || 0)), parts.unit))
          }
        />
        <select
          aria-label="Unit"
          value={parts.unit}
          onChange={(event) => onChange(joinDuration(parts.amount, event.target.value as Unit))}
        >
          {UNITS.map((unit) => (
            <option key={unit.unit} value={unit.unit}>
              {unit.label}
            </option>
          ))}
        </select>
      </div>
      <small className="hint">Saved as {value}</small>
    </div>
  );
}
