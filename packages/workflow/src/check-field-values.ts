import type { FieldDef } from './fields';
import { childPath, quoteList, previewValue, type Problem } from './problem';
import type { FieldValue, UpdateFieldData, WorkflowNode } from './schema';
import { valueMismatch } from './value-fits-field';
import { normalizeEmail, type ResolvedContext } from './workflow-context';

const MANAGER: FieldDef = { key: 'manager', label: 'Manager', type: 'manager' };

const unknownManagersMessage = (emails: string[]) =>
  `${quoteList(emails, ' and ')} ${emails.length === 1 ? 'is not a manager' : 'are not managers'} of this installation`;

const fieldOf = (key: string, context: ResolvedContext): FieldDef | undefined =>
  context.fields ? context.fields.get(key) : key === MANAGER.key ? MANAGER : undefined;

const checkValues = (
  data: UpdateFieldData,
  field: FieldDef,
  path: string,
  context: ResolvedContext,
): Problem[] => {
  const entries: Array<{ value: FieldValue; at: string }> =
    data.operation === 'set'
      ? [{ value: data.value, at: childPath(path, 'value') }]
      : data.operation === 'replaceWithOneOf'
        ? data.values.map((value, index) => ({ value, at: childPath(childPath(path, 'values'), index) }))
        : [];
  const problems: Problem[] = [];
  const unknownEmails: string[] = [];
  for (const { value, at } of entries) {
    const mismatch = valueMismatch(value, field);
    if (mismatch) problems.push({ code: 'invalid_field_value', path: at, message: mismatch });
    else if (
      field.type === 'manager' &&
      context.managerEmails &&
      !context.managerEmails.has(normalizeEmail(String(value)))
    ) {
      unknownEmails.push(String(value));
    }
  }
  if (unknownEmails.length > 0) {
    const at = data.operation === 'set' ? childPath(path, 'value') : childPath(path, 'values');
    problems.push({ code: 'unknown_manager', path: at, message: unknownManagersMessage(unknownEmails) });
  }
  return problems;
};

/**
 * The fields a node names and the values it gives them, against the installation (`path` is the
 * node's `data`): unknown fields, values of the wrong type, and, in one problem per node, every
 * email that names no manager.
 */
export function checkFieldValues(node: WorkflowNode, path: string, context: ResolvedContext): Problem[] {
  if (node.type === 'trigger') {
    if (node.data.event !== 'lead.fieldUpdated' || node.data.field === undefined || !context.fields)
      return [];
    return context.fields.has(node.data.field)
      ? []
      : [
          {
            code: 'unknown_field',
            path: childPath(path, 'field'),
            message: `${previewValue(node.data.field)} is not a field of this installation`,
          },
        ];
  }
  if (node.type !== 'updateField') return [];
  const field = fieldOf(node.data.field, context);
  if (!field) {
    return context.fields
      ? [
          {
            code: 'unknown_field',
            path: childPath(path, 'field'),
            message: `${previewValue(node.data.field)} is not a field of this installation`,
          },
        ]
      : [];
  }
  return checkValues(node.data, field, path, context);
}
