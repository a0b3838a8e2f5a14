import { previewValue, quoteList } from './problem';
import type { WorkflowNode } from './schema';

/**
 * Why an edge cannot leave `node` by `handle` (`undefined` = no sourceHandle), or `null` when it
 * can: a filter by `pass` (the default) or `fail`, a split by one of its branch ids, a
 * `replaceWithOneOf` node by `none` or without a handle, any other node without a handle.
 */
export function sourceHandleProblem(node: WorkflowNode, handle: string | undefined): string | null {
  if (node.type === 'filter') {
    return handle === undefined || handle === 'pass' || handle === 'fail'
      ? null
      : `an edge leaves a filter by "pass" or "fail", not ${previewValue(handle)}`;
  }
  if (node.type === 'split') {
    const branches = node.data.branches.map((branch) => branch.id);
    if (handle !== undefined && branches.includes(handle)) return null;
    return handle === undefined
      ? `an edge from a split must name one of its branches: ${quoteList(branches)}`
      : `${previewValue(handle)} is not a branch of the split "${node.id}"; its branches are ${quoteList(branches)}`;
  }
  if (handle === undefined) return null;
  if (node.type === 'updateField' && node.data.operation === 'replaceWithOneOf') {
    return handle === 'none'
      ? null
      : `an edge leaves a replaceWithOneOf node without a sourceHandle, or by "none" when no value could be given, not ${previewValue(handle)}`;
  }
  return `the ${node.type} node "${node.id}" has one way out: leave the sourceHandle out, not ${previewValue(handle)}`;
}
