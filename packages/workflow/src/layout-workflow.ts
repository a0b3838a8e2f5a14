import type { Position } from './schema';

/** Vertical distance between layers and horizontal distance between siblings, as in the examples. */
export const LAYER_GAP = 150;
export const SIBLING_GAP = 260;

interface LayoutNode {
  id: string;
  type?: string;
  position?: Position;
  /** Read for a split's branches, whose order orders the split's followers. */
  data?: unknown;
}
interface LayoutInput {
  nodes: readonly LayoutNode[];
  edges: readonly { source: string; target: string; sourceHandle?: string | null }[];
}

/** How to lay out: `all` places every node (an "auto-layout"), not only those without a position. */
export interface LayoutOptions {
  all?: boolean;
  /** Distance between the tops of two layers, in px (default LAYER_GAP). */
  layerGap?: number;
  /** Distance between the left sides of two siblings, in px (default SIBLING_GAP). */
  siblingGap?: number;
}

/**
 * Where an edge leaving `node` by `handle` sits among the node's outputs, left to right as the
 * editor draws the handles: a filter's pass before its fail, a rotation's value before its none,
 * a split's branches in their order. Sorting followers by it keeps those edges from crossing.
 */
const handleRank = (node: LayoutNode | undefined, handle: string | null | undefined): number => {
  if (handle === undefined || handle === null || handle === 'pass') return 0;
  if (handle === 'fail' || handle === 'none') return 1;
  const branches = (node?.data as { branches?: unknown } | undefined)?.branches;
  const index = Array.isArray(branches)
    ? branches.findIndex((branch) => (branch as { id?: unknown } | null)?.id === handle)
    : -1;
  return index >= 0 ? index : Number.MAX_SAFE_INTEGER;
};

/** A workflow whose nodes all have a position. */
export type LaidOut<W extends LayoutInput> = Omit<W, 'nodes'> & {
  nodes: Array<W['nodes'][number] & { position: Position }>;
};

// Depth first from the triggers, then from nodes nothing leads to, then from whatever is left (a
// cycle): the order of discovery orders siblings; edges back to a node on the stack are ignored.
const explore = (ids: string[], next: Map<string, string[]>, roots: string[]) => {
  const discovered = new Map<string, number>();
  const backEdges = new Set<string>();
  const onStack = new Set<string>();
  for (const root of [...roots, ...ids]) {
    if (discovered.has(root)) continue;
    discovered.set(root, discovered.size);
    onStack.add(root);
    const stack: Array<{ id: string; nextIndex: number }> = [{ id: root, nextIndex: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const targets = next.get(top.id) ?? [];
      if (top.nextIndex === targets.length) {
        onStack.delete(top.id);
        stack.pop();
        continue;
      }
      const target = targets[top.nextIndex++];
      if (onStack.has(target)) backEdges.add(`${top.id}\n${target}`);
      else if (!discovered.has(target)) {
        discovered.set(target, discovered.size);
        onStack.add(target);
        stack.push({ id: target, nextIndex: 0 });
      }
    }
  }
  return { discovered, backEdges };
};

// Longest path from a root, over the edges that are not back edges (Kahn's order).
const layers = (ids: string[], next: Map<string, string[]>, backEdges: Set<string>) => {
  const forward = new Map(
    ids.map((id) => [id, (next.get(id) ?? []).filter((t) => !backEdges.has(`${id}\n${t}`))]),
  );
  const pending = new Map(ids.map((id) => [id, 0]));
  for (const targets of forward.values()) for (const t of targets) pending.set(t, (pending.get(t) ?? 0) + 1);
  const layer = new Map(ids.map((id) => [id, 0]));
  const ready = ids.filter((id) => pending.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.pop() as string;
    for (const target of forward.get(id) ?? []) {
      layer.set(target, Math.max(layer.get(target) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (pending.get(target) ?? 0) - 1;
      pending.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  return layer;
};

/**
 * Gives every node without a position one (every node with `options.all`), deterministically:
 * layers from top to bottom (a node sits one layer below the lowest node leading to it),
 * siblings side by side in the order a depth-first walk meets them, each node's followers in
 * the order of its outputs (pass before fail, a split's branches in order; edge order breaks
 * ties), so the edges of one node never cross. Nodes with a position keep it; a new position
 * that would overlap one of them moves right until it is free. Units are px of the canvas.
 */
export function layoutWorkflow<W extends LayoutInput>(workflow: W, options: LayoutOptions = {}): LaidOut<W> {
  type N = W['nodes'][number];
  const layerGap = options.layerGap ?? LAYER_GAP;
  const siblingGap = options.siblingGap ?? SIBLING_GAP;
  const nodes: readonly N[] = options.all
    ? workflow.nodes.map(({ position: _position, ...node }) => node as N)
    : workflow.nodes;
  if (nodes.every((node) => node.position)) return workflow as unknown as LaidOut<W>;

  const ids = nodes.map((node) => node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const next = new Map<string, string[]>();
  const hasIncoming = new Set<string>();
  const ranked = workflow.edges
    .filter(({ source, target }) => byId.has(source) && byId.has(target) && source !== target)
    .map((edge, index) => ({ edge, index, rank: handleRank(byId.get(edge.source), edge.sourceHandle) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  for (const { edge } of ranked) {
    const { source, target } = edge;
    const targets = next.get(source);
    if (targets) targets.push(target);
    else next.set(source, [target]);
    hasIncoming.add(target);
  }
  const roots = [
    ...nodes.filter((node) => node.type === 'trigger').map((node) => node.id),
    ...ids.filter((id) => !hasIncoming.has(id)),
  ];
  const { discovered, backEdges } = explore(ids, next, roots);
  const layer = layers(ids, next, backEdges);

  const spot = new Map<string, Position>();
  const rowLength = new Map<number, number>();
  for (const id of [...ids].sort((a, b) => (discovered.get(a) ?? 0) - (discovered.get(b) ?? 0))) {
    const l = layer.get(id) ?? 0;
    const index = rowLength.get(l) ?? 0;
    rowLength.set(l, index + 1);
    spot.set(id, { x: index * siblingGap, y: l * layerGap });
  }

  // Spots of the grid never overlap one another; only given positions can be in the way.
  const taken = nodes.flatMap((node) => (node.position ? [node.position] : []));
  const avoid = taken.length > 0;
  const overlaps = (a: Position, b: Position) =>
    Math.abs(a.x - b.x) < siblingGap && Math.abs(a.y - b.y) < layerGap;
  const placed = nodes.map((node): N & { position: Position } => {
    if (node.position) return node as N & { position: Position };
    const position = { ...(spot.get(node.id) as Position) };
    if (avoid) {
      while (taken.some((other) => overlaps(other, position))) position.x += siblingGap;
      taken.push(position);
    }
    return { ...node, position };
  });
  return { ...workflow, nodes: placed } as LaidOut<W>;
}
