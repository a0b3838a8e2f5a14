import { ConditionBuilder } from './condition-builder';
import type { NodeFormProps } from './form-fields';

/** A filter's condition, built clause by clause. */
export function FilterForm({ nodeId, data, fields, onChange }: NodeFormProps) {
  return (
    <div className="field">
      <span className="label">Condition</span>
      <ConditionBuilder
        key={nodeId}
        condition={data.condition}
        fields={fields}
        onChange={(condition) => onChange({ ...data, condition }, 'condition')}
      />
    </div>
  );
}
