import { freshId, type FlowEdge, type FlowNode } from '../document/graph';
import { snapshot } from './history';

/** How far (px, flow coordinates) each paste lands from the copied nodes, times the pastes so far. */
const PASTE_OFFSET = 40;

/** Copied nodes (as history keeps them) and the edges between them. */
export interface Clipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The selected nodes and the edges among them, or null when no node is selected. */
export function copyOf(nodes: FlowNode[], edges: FlowEdge[]): Clipboard | null {
  const chosen = nodes.filter((node) => node.selected);
  if (chosen.length === 0) return null;
  const ids = new Set(chosen.map((node) => node.id));
  return {
    nodes: snapshot({ name: '', nodes: chosen, edges: [] }).nodes,
    edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
  };
}

/**
 * The document's nodes and edges with the clipboard pasted: fresh ids, moved by the paste offset
 * times (`pasteCount` + 1), the pasted nodes selected and only they.
 */
export function pasteInto(
  clipboard: Clipboard,
  nodes: FlowNode[],
  edges: FlowEdge[],
  pasteCount: number,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const takenNodes = new Set(nodes.map((node) => node.id));
  const takenEdges = new Set(edges.map((edge) => edge.id));
  const renamed = new Map<string, string>();
  const offset = PASTE_OFFSET * (pasteCount + 1);
  const pasted = clipboard.nodes.map((node) => {
    const id = freshId(node.type ?? 'node', takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    return {
      ...node,
      id,
      position: { x: node.position.x + offset, y: node.position.y + offset },
      data: JSON.parse(JSON.stringify(node.data)) as Record<string, unknown>, // data is JSON by the format
      selected: true,
    };
  });
  const pastedEdges = clipboard.edges.map((edge) => {
    const id = freshId('e', takenEdges);
    takenEdges.add(id);
    return {
      ...edge,
      id,
      source: renamed.get(edge.source)!,
      target: renamed.get(edge.target)!,
      selected: false,
    };
  });
  return {
    nodes: [...nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...pasted],
    edges: [...edges, ...pastedEdges],
  };
}
