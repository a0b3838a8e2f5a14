import type { SplitBranch } from '@leadflow/workflow';

const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The bucket 0..99 of a lead at a split node: a stable function of both ids. */
export function splitBucket(leadId: string, nodeId: string): number {
  return fnv1a32(`${leadId}:${nodeId}`) % 100;
}

/**
 * The branch a lead takes at a split node: its bucket against the cumulative percents in branch
 * order. Undefined only when there are no branches; a bucket past a total under 100 (a draft)
 * takes the last branch.
 */
export function chooseSplitBranch(
  leadId: string,
  nodeId: string,
  branches: readonly SplitBranch[],
): SplitBranch | undefined {
  return branchOfBucket(splitBucket(leadId, nodeId), branches);
}

export function branchOfBucket(bucket: number, branches: readonly SplitBranch[]): SplitBranch | undefined {
  let upTo = 0;
  for (const branch of branches) {
    upTo += branch.percent;
    if (bucket < upTo) return branch;
  }
  return branches.at(-1);
}
