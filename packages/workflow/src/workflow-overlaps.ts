import type { TriggerData, WorkflowNode } from './schema';
import { sameTag } from './tags';

/** One active workflow that may write the same field as another for the same event. */
export interface WorkflowOverlap {
  /** The other workflow's id. */
  workflowId: string;
  /** The other workflow's name. */
  name: string;
  /** The field both write (a field key, such as `manager`). */
  field: string;
  /** A sentence a person can act on. */
  message: string;
}

/** The part of a workflow the overlap rule reads. */
export interface OverlapCandidate {
  id: string;
  name: string;
  nodes: readonly WorkflowNode[];
}

/**
 * Whether one event can start runs of both triggers: the same event type and, for
 * `lead.fieldUpdated`, the same field or either trigger without one; for `lead.tagAdded`, the same
 * tag (case-blind) or either trigger without one.
 */
export function triggersOverlap(a: TriggerData, b: TriggerData): boolean {
  if (a.event === 'lead.fieldUpdated' && b.event === 'lead.fieldUpdated')
    return a.field === undefined || b.field === undefined || a.field === b.field;
  if (a.event === 'lead.tagAdded' && b.event === 'lead.tagAdded')
    return a.tag === undefined || b.tag === undefined || sameTag(a.tag, b.tag);
  return a.event === b.event;
}

/** The fields a workflow's `updateField` nodes write (set, clear or replace with one of), once each, in node order. */
export function fieldsWritten(nodes: readonly WorkflowNode[]): string[] {
  const fields: string[] = [];
  for (const node of nodes) {
    if (node.type === 'updateField' && !fields.includes(node.data.field)) fields.push(node.data.field);
  }
  return fields;
}

const triggerOf = (nodes: readonly WorkflowNode[]): TriggerData | undefined =>
  nodes.find((node): node is Extract<WorkflowNode, { type: 'trigger' }> => node.type === 'trigger')?.data;

function describeTrigger(trigger: TriggerData): string {
  if (trigger.event === 'lead.fieldUpdated')
    return trigger.field === undefined ? 'any field update' : `updates of "${trigger.field}"`;
  if (trigger.event === 'lead.tagAdded')
    return trigger.tag === undefined ? 'any tag added' : `the tag "${trigger.tag}" added`;
  return 'new leads';
}

/**
 * The workflows among `others` (active ones, say) whose trigger overlaps `workflow`'s and that write
 * a field it writes: one overlap per other workflow and field, in the order of `others` and then of
 * the fields. `workflow` itself (same id) is never listed. A workflow without a trigger overlaps nothing.
 */
export function findOverlaps(
  workflow: OverlapCandidate,
  others: readonly OverlapCandidate[],
): WorkflowOverlap[] {
  const trigger = triggerOf(workflow.nodes);
  if (!trigger) return [];
  const written = fieldsWritten(workflow.nodes);
  const overlaps: WorkflowOverlap[] = [];
  for (const other of others) {
    if (other.id === workflow.id) continue;
    const otherTrigger = triggerOf(other.nodes);
    if (!otherTrigger || !triggersOverlap(trigger, otherTrigger)) continue;
    for (const field of fieldsWritten(other.nodes)) {
      if (!written.includes(field)) continue;
      overlaps.push({
        workflowId: other.id,
        name: other.name,
        field,
        message:
          `The active workflow "${other.name}" (${other.id}) also runs on ${describeTrigger(otherTrigger)} and also ` +
          `writes "${field}": a lead both apply to gets the value of whichever runs last.`,
      });
    }
  }
  return overlaps;
}
