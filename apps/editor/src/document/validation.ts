import { checkActivation, parseWorkflow, type WorkflowContext } from '@leadflow/workflow';
import type { Field, Manager, Problem } from '../api/client';

export interface ValidationContext {
  /** Undefined while not loaded: the checks that need them are left to the server until then. */
  fields?: Field[];
  managers?: Manager[];
}

/** Names the node a problem's path points into (`nodes[2].data.values` → the third node). */
function withNode(nodeIds: string[], problem: Problem): Problem {
  if (problem.nodeId) return problem;
  const match = /^nodes\[(\d+)\]/.exec(problem.path ?? '');
  const nodeId = match ? nodeIds[Number(match[1])] : undefined;
  return nodeId ? { ...problem, nodeId } : problem;
}

/**
 * Validates a workflow file with the format package's own functions, exactly as the server does at
 * save (`parseWorkflow`) and at activation (`checkActivation`). Save problems block saving;
 * activation problems only block activation.
 */
export function validate(
  file: unknown,
  { fields, managers }: ValidationContext,
): { save: Problem[]; activation: Problem[] } {
  const context: WorkflowContext = {
    ...(fields ? { fields } : {}),
    ...(managers ? { managerEmails: managers.map((manager) => manager.email) } : {}),
  };
  const nodes = (file as { nodes?: { id?: unknown }[] }).nodes;
  const nodeIds = Array.isArray(nodes) ? nodes.map((node) => String(node?.id ?? '')) : [];
  const parsed = parseWorkflow(file, context);
  if (!parsed.ok)
    return { save: parsed.problems.map((problem) => withNode(nodeIds, problem)), activation: [] };
  return {
    save: [],
    activation: checkActivation(parsed.workflow).map((problem) => withNode(nodeIds, problem)),
  };
}
