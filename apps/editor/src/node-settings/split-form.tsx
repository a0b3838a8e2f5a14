import type { NodeFormProps } from './form-fields';

/** A split's branches, each with an id and a percent; the percents must add up to 100. */
export function SplitForm({ data, onChange }: NodeFormProps) {
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
