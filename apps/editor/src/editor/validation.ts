import { workflowSchema, type WorkflowFile } from '@leadflow/workflow';
import type { Field, Manager, Problem } from '../api/client';

export interface ValidationContext {
  fields: Field[];
  managers: Manager[];
}

/** Problems from a zod-style path, with the node it concerns when the path points into one. */
function withNode(file: WorkflowFile, problem: Problem): Problem {
  const match = /^nodes\[(\d+)\]/.exec(problem.path ?? '');
  const node = match ? file.nodes[Number(match[1])] : undefined;
  return node && !problem.nodeId ? { ...problem, nodeId: node.id } : problem;
}

const pathOf = (path: PropertyKey[]) =>
  path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );

/**
 * Validates the document with the format package, as the server does at save and activation.
 * Save problems block saving; activation problems only block activation.
 */
export function validate(
  file: WorkflowFile,
  _context: ValidationContext,
): { save: Problem[]; activation: Problem[] } {
  const parsed = workflowSchema.safeParse(file);
  const save = parsed.success
    ? []
    : parsed.error.issues.map((issue) => withNode(file, { path: pathOf(issue.path), message: issue.message }));
  return { save, activation: [] };
}
