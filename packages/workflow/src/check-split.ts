import { findRepeats } from './find-repeats';
import { childPath, type Problem } from './problem';
import type { SplitData } from './schema';

/** A split's branches (`path` is the node's `data`): unique ids, percents that add up to 100. */
export function checkSplit(data: SplitData, path: string): Problem[] {
  const branchesPath = childPath(path, 'branches');
  const problems: Problem[] = findRepeats(data.branches, (branch) => branch.id).map(({ index, first }) => ({
    code: 'duplicate_id',
    path: childPath(childPath(branchesPath, index), 'id'),
    message: `"${data.branches[index].id}" is already the id of branches[${first}]`,
  }));
  const total = data.branches.reduce((sum, branch) => sum + branch.percent, 0);
  if (total !== 100)
    problems.push({
      code: 'percents_not_100',
      path: branchesPath,
      message: `percents must add up to 100, and they add up to ${total}`,
    });
  return problems;
}
