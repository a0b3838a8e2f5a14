import type { Edge, Node } from '@xyflow/react';
import {
  LAYER_GAP,
  layoutWorkflow,
  SIBLING_GAP,
  WORKFLOW_FORMAT,
  type NodeType,
  type WorkflowFile,
  type WorkflowNode,
} from '@leadflow/workflow';

export type FlowNode = Node<Record<string, unknown>, NodeType>;
export type FlowEdge = Edge;
/** A node without its place on the canvas: what forms and lists need, unchanged by a move. */
export type NodeOutline = Pick<FlowNode, 'id' | 'type' | 'data'>;

/** The document being edited, in React Flow's shape. */
export interface EditorDoc {
  name: string;
  description?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The server keeps figures for rotations (`replaceWithOneOf`) and A/B splits. */
export type InsightKind = 'rotation' | 'split';

export function insightKindOf(type: string | undefined, data: Record<string, unknown>): InsightKind | null {
  if (type === 'updateField' && data.operation === 'replaceWithOneOf') return 'rotation';
  return type === 'split' ? 'split' : null;
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 80;

export function docFromFile(file: WorkflowFile): EditorDoc {
  // Files may leave positions out; they are placed as the importer places them.
  const laidOut = layoutWorkflow(file);
  return {
    name: file.name,
    ...(file.description !== undefined ? { description: file.description } : {}),
    nodes: laidOut.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: node.position,
      data: { ...(node.data as Record<string, unknown>) },
    })),
    edges: file.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
    })),
  };
}

/** The workflow file of a document: only the keys of the format, in its order. */
export function fileFromDoc(doc: EditorDoc): WorkflowFile {
  return {
    format: WORKFLOW_FORMAT,
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    nodes: doc.nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
          data: node.data,
        }) as WorkflowNode,
    ),
    edges: doc.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    })),
  };
}

/** True when `to` can be reached from `from` following edges. */
export function reaches(edges: Pick<FlowEdge, 'source' | 'target'>[], from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/** Why an edge may not be drawn, or null when it may. */
export function connectionRefusal(
  nodes: Pick<FlowNode, 'id' | 'type'>[],
  edges: Pick<FlowEdge, 'source' | 'target' | 'sourceHandle'>[],
  connection: { source: string; target: string; sourceHandle?: string | null },
): string | null {
  const { source, target } = connection;
  if (source === target) return 'A node cannot lead to itself.';
  if (nodes.find((node) => node.id === target)?.type === 'trigger')
    return 'Nothing may lead into the trigger.';
  if (reaches(edges, target, source)) return 'This edge would make a cycle.';
  const handle = connection.sourceHandle ?? null;
  if (
    edges.some(
      (edge) => edge.source === source && edge.target === target && (edge.sourceHandle ?? null) === handle,
    )
  )
    return 'These nodes are connected already.';
  return null;
}

/**
 * The nodes an output may lead to, in node order: what `connectionRefusal` allows, computed in one
 * pass over the graph instead of one search per candidate (the side panel lists them on every edit).
 */
export function connectableTargets<N extends Pick<FlowNode, 'id' | 'type'>>(
  nodes: N[],
  edges: Pick<FlowEdge, 'source' | 'target' | 'sourceHandle'>[],
  source: string,
  sourceHandle: string | null,
): N[] {
  // A target that reaches the source would close a cycle: those are the source's ancestors.
  const into = new Map<string, string[]>();
  for (const edge of edges) into.set(edge.target, [...(into.get(edge.target) ?? []), edge.source]);
  const ancestors = new Set<string>([source]);
  const stack = [source];
  while (stack.length > 0)
    for (const parent of into.get(stack.pop()!) ?? [])
      if (!ancestors.has(parent)) {
        ancestors.add(parent);
        stack.push(parent);
      }
  const linked = new Set(
    edges
      .filter((edge) => edge.source === source && (edge.sourceHandle ?? null) === sourceHandle)
      .map((edge) => edge.target),
  );
  return nodes.filter((node) => node.type !== 'trigger' && !ancestors.has(node.id) && !linked.has(node.id));
}

/** A fresh id of the form `<type>-<n>` not used by `taken`. */
export function freshId(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * Auto-layout: the format package's layered layout (the importer's) for every node, pass before
 * fail and a split's branches in order, spaced for the largest measured node so none overlap.
 */
export function layout(nodes: FlowNode[], edges: FlowEdge[]): FlowNode[] {
  const widest = Math.max(NODE_WIDTH, ...nodes.map((node) => node.measured?.width ?? 0));
  const tallest = Math.max(NODE_HEIGHT, ...nodes.map((node) => node.measured?.height ?? 0));
  const laidOut = layoutWorkflow(
    { nodes, edges },
    {
      all: true,
      siblingGap: Math.max(SIBLING_GAP, widest + 40),
      layerGap: Math.max(LAYER_GAP, tallest + 70),
    },
  );
  return laidOut.nodes;
}

export function defaultData(type: NodeType): Record<string, unknown> {
  switch (type) {
    case 'trigger':
      return { event: 'lead.created' };
    case 'filter':
      return { condition: true };
    case 'updateField':
      return { field: 'manager', operation: 'replaceWithOneOf', values: [], strategy: 'roundRobin' };
    case 'addTag':
    case 'removeTag':
      return { tag: 'hot' };
    case 'wait':
      return { duration: 'PT1H' };
    case 'split':
      return {
        branches: [
          { id: 'A', percent: 50 },
          { id: 'B', percent: 50 },
        ],
      };
  }
}

export const NODE_TITLES: Record<NodeType, string> = {
  trigger: 'Trigger',
  filter: 'Filter',
  updateField: 'Update field',
  addTag: 'Add tag',
  removeTag: 'Remove tag',
  wait: 'Wait',
  split: 'A/B split',
};

/** The first place at or below `at` where a new node does not cover another one. */
export function freeSpot(nodes: Pick<FlowNode, 'position' | 'measured'>[], at: { x: number; y: number }) {
  const spot = { ...at };
  const covers = (node: Pick<FlowNode, 'position' | 'measured'>) =>
    Math.abs(node.position.x - spot.x) < (node.measured?.width ?? NODE_WIDTH) &&
    Math.abs(node.position.y - spot.y) < (node.measured?.height ?? NODE_HEIGHT) + 20;
  while (nodes.some(covers)) spot.y += NODE_HEIGHT + 40;
  return spot;
}

/**
 * Where a node added from the palette goes, given `view` (the visible canvas, flow coordinates):
 * the centre of the view if free, else the nearest free place in view (on a grid of half a node
 * around the centre). When the view has no room, the nearest free place outside it, with
 * `pan: true`: the caller moves the view there. Only if no place near is free, the centre moved
 * `count` steps down and right (the number of nodes added before), so adds do not stack exactly.
 */
export function spotInView(
  nodes: Pick<FlowNode, 'position' | 'measured'>[],
  view: { x: number; y: number; width: number; height: number },
  count = 0,
): { x: number; y: number; pan: boolean } {
  // A node not measured yet (the one being added, one added a moment ago) is taken to be as large
  // as the largest measured one: nodes of one workflow differ little in size.
  const width = Math.max(NODE_WIDTH, ...nodes.map((node) => node.measured?.width ?? 0));
  const height = Math.max(NODE_HEIGHT, ...nodes.map((node) => node.measured?.height ?? 0));
  const centre = {
    x: Math.round(view.x + view.width / 2 - width / 2),
    y: Math.round(view.y + view.height / 2 - height / 2),
  };
  const covers = (spot: { x: number; y: number }) =>
    nodes.some(
      (node) =>
        Math.abs(node.position.x - spot.x) < width + 10 && Math.abs(node.position.y - spot.y) < height + 10,
    );
  const inView = (spot: { x: number; y: number }) =>
    spot.x >= view.x &&
    spot.y >= view.y &&
    spot.x + width <= view.x + view.width &&
    spot.y + height <= view.y + view.height;
  const stepX = (width + 30) / 2;
  const stepY = (height + 30) / 2;
  const candidates: { x: number; y: number; distance: number; inView: boolean }[] = [];
  for (let row = -16; row <= 16; row += 1)
    for (let column = -12; column <= 12; column += 1) {
      const spot = { x: Math.round(centre.x + column * stepX), y: Math.round(centre.y + row * stepY) };
      candidates.push({
        ...spot,
        distance: Math.hypot(column * stepX, row * stepY),
        inView: (row === 0 && column === 0) || inView(spot),
      });
    }
  candidates.sort((a, b) => Number(b.inView) - Number(a.inView) || a.distance - b.distance);
  const free = candidates.find((spot) => !covers(spot));
  if (free) return { x: free.x, y: free.y, pan: !free.inView };
  const shift = (count % 6) * 24;
  return { x: centre.x + shift, y: centre.y + shift, pan: false };
}
