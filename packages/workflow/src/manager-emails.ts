import type { WorkflowFile } from './schema';
import { normalizeEmail } from './workflow-context';

/**
 * The managers' emails a workflow names, lower-cased: the values of its nodes that set or rotate
 * the `manager` field. A manager named here cannot be deleted or change email (api.md, Managers).
 */
export function managerEmailsOf(definition: WorkflowFile): Set<string> {
  const emails = new Set<string>();
  for (const node of definition.nodes) {
    if (node.type !== 'updateField' || node.data.field !== 'manager') continue;
    if (node.data.operation === 'replaceWithOneOf') {
      for (const value of node.data.values) if (typeof value === 'string') emails.add(normalizeEmail(value));
    } else if (node.data.operation === 'set' && typeof node.data.value === 'string') {
      emails.add(normalizeEmail(node.data.value));
    }
  }
  return emails;
}
