import { checkCondition } from './check-condition';
import { checkFieldValues } from './check-field-values';
import { checkReplaceOptions } from './check-replace-options';
import { checkSplit } from './check-split';
import { checkWait } from './check-wait';
import { childPath, type Problem } from './problem';
import type { WorkflowNode } from './schema';
import type { ResolvedContext } from './workflow-context';

/** The rules of one node, beyond its shape, with `path` the node's own (`nodes[2]`). */
export function checkNode(node: WorkflowNode, path: string, context: ResolvedContext): Problem[] {
  const dataPath = childPath(path, 'data');
  const own = (() => {
    switch (node.type) {
      case 'filter':
        return checkCondition(node.data.condition, childPath(dataPath, 'condition'));
      case 'wait':
        return checkWait(node.data, dataPath);
      case 'split':
        return checkSplit(node.data, dataPath);
      case 'updateField':
        return node.data.operation === 'replaceWithOneOf' ? checkReplaceOptions(node.data, dataPath) : [];
      default:
        return [];
    }
  })();
  return [...own, ...checkFieldValues(node, dataPath, context)];
}
