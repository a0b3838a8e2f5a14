import type { NodeType } from '@leadflow/workflow';
import type { ComponentType } from 'react';
import type { Field, Manager } from '../api/client';
import { NODE_TITLES, type NodeOutline } from '../document/graph';
import { FilterForm } from './filter-form';
import { TextField, without, type NodeFormProps, type OnChange } from './form-fields';
import { SplitForm } from './split-form';
import { TagForm } from './tag-form';
import { TriggerForm } from './trigger-form';
import { UpdateFieldForm } from './update-field-form';
import { WaitForm } from './wait-form';

/** The form of each node type, below the label every node has. */
const FORMS: Record<NodeType, ComponentType<NodeFormProps>> = {
  trigger: TriggerForm,
  filter: FilterForm,
  updateField: UpdateFieldForm,
  addTag: TagForm,
  removeTag: TagForm,
  wait: WaitForm,
  split: SplitForm,
};

/** The form of the selected node. Every edit hands the node's complete new `data` to `onChange`. */
export function SettingsPanel({
  node,
  fields,
  managers,
  onChange,
}: {
  node: NodeOutline;
  fields: Field[];
  managers: Manager[];
  onChange: OnChange;
}) {
  const data = node.data;
  const Form = FORMS[node.type!] as ComponentType<NodeFormProps> | undefined; // a type the format lacks: no form
  return (
    <form
      className="settings"
      onSubmit={(event) => event.preventDefault()}
      aria-label={`${NODE_TITLES[node.type!]} settings`}
    >
      <h3>
        {NODE_TITLES[node.type!]} <code>{node.id}</code>
      </h3>
      <TextField
        label="Label"
        placeholder="shown on the canvas"
        value={(data.label as string | undefined) ?? ''}
        onChange={(label) => onChange(label ? { ...data, label } : without(data, 'label'), 'label')}
      />
      {Form && <Form nodeId={node.id} data={data} fields={fields} managers={managers} onChange={onChange} />}
    </form>
  );
}
