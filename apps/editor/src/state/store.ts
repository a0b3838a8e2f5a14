import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import type { NodeType, WorkflowFile } from '@leadflow/workflow';
import { useMemo } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Problem } from '../api/client';
import {
  connectionRefusal,
  defaultData,
  docFromFile,
  fileFromDoc,
  freshId,
  insightKindOf,
  layout,
  type EditorDoc,
  type FlowEdge,
  type FlowNode,
  type InsightKind,
  type NodeOutline,
} from '../document/graph';
import { copyOf, pasteInto, type Clipboard } from '../history/clipboard';
import { recorded, redone, undone, type History } from '../history/history';

export interface EditorState extends EditorDoc, History {
  workflowId: string | null;
  /** The server's version this document was loaded from or last saved as. */
  version: number;
  active: boolean;
  /** The file as last loaded or saved, to tell whether there are unsaved changes. */
  savedJson: string;
  dragging: boolean;
  clipboard: Clipboard | null;
  pasteCount: number;
  /** Shared validation's problems, as shown on the canvas and in the problems list. */
  problems: Problem[];
  /** The run shown on the canvas: node id → outcome of its step. */
  highlight: Record<string, string> | null;

  load(record: { id: string | null; version: number; active: boolean; definition: WorkflowFile }): void;
  markSaved(record: { version: number; active: boolean; savedJson: string }): void;
  setActive(active: boolean): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  connect(connection: Connection): void;
  addNode(type: NodeType, position: XYPosition): string;
  removeEdge(id: string): void;
  updateNodeData(id: string, data: Record<string, unknown>, coalesceKey?: string): void;
  setName(name: string): void;
  setDescription(description: string): void;
  selectOnly(id: string): void;
  /** Unselects every node and edge (Escape): not a change of the document. */
  clearSelection(): void;
  deleteSelected(): void;
  copySelection(): void;
  paste(): void;
  autoLayout(): void;
  undo(): void;
  redo(): void;
  setProblems(problems: Problem[]): void;
  setHighlight(highlight: Record<string, string> | null): void;
}

/**
 * What the canvas nodes show besides their data: problems (node id → messages, one a line) and the
 * highlighted run. A store of its own, so the hundreds of node subscriptions are not asked again on
 * every change of the document (each frame of a drag); the editor's setProblems/setHighlight write it.
 */
export const useCanvasMarks = create<{
  problemsByNode: Record<string, string>;
  highlight: Record<string, string> | null;
}>()(() => ({ problemsByNode: {}, highlight: null }));

export const fileJson = (doc: EditorDoc) => JSON.stringify(fileFromDoc(doc));

export const useEditor = create<EditorState>()((set, get) => {
  /**
   * Records the document before a change. Changes with the same key close together (typing in
   * one input, the node and edge removals of one Delete) become one step of history.
   */
  const checkpoint = (key = '', windowMs = 1000) => {
    const state = get();
    set(recorded(state, state, key, windowMs, Date.now()));
  };

  /**
   * Puts a snapshot back, keeping the sizes React Flow measured so the canvas does not flicker,
   * and the selection of the nodes still there, so an open form stays open.
   */
  const restore = (doc: EditorDoc) => {
    const measured = new Map(get().nodes.map((node) => [node.id, node.measured]));
    const selected = new Set(
      get()
        .nodes.filter((node) => node.selected)
        .map((node) => node.id),
    );
    set({
      name: doc.name,
      description: doc.description,
      nodes: doc.nodes.map((node) => ({
        ...node,
        measured: measured.get(node.id),
        ...(selected.has(node.id) ? { selected: true } : {}),
      })),
      edges: doc.edges,
      lastCheckpoint: null,
    });
  };

  return {
    workflowId: null,
    version: 0,
    active: false,
    name: '',
    nodes: [],
    edges: [],
    savedJson: '',
    past: [],
    future: [],
    lastCheckpoint: null,
    dragging: false,
    clipboard: null,
    pasteCount: 0,
    problems: [],
    highlight: null,

    load({ id, version, active, definition }) {
      const doc = docFromFile(definition);
      set({
        ...doc,
        description: doc.description,
        workflowId: id,
        version,
        active,
        savedJson: fileJson(doc),
        past: [],
        future: [],
        lastCheckpoint: null,
        dragging: false,
        problems: [],
        highlight: null,
        pasteCount: 0,
      });
      useCanvasMarks.setState({ problemsByNode: {}, highlight: null });
    },

    markSaved({ version, active, savedJson }) {
      set({ version, active, savedJson });
    },

    setActive(active) {
      set({ active });
    },

    onNodesChange(changes) {
      const state = get();
      let dragging = state.dragging;
      let record = false;
      const positionOf = new Map(state.nodes.map((node) => [node.id, node.position]));
      for (const change of changes) {
        if (change.type === 'remove' || change.type === 'add' || change.type === 'replace') record = true;
        if (change.type === 'position') {
          if (change.dragging && !dragging) {
            dragging = true;
            record = true;
          } else if (!change.dragging) {
            // The end of a drag, or a move by arrow key (one step of history each).
            if (dragging) dragging = false;
            // A click on a node ends a "drag" that moved nothing: not a change.
            else if (change.position) {
              const from = positionOf.get(change.id);
              if (!from || from.x !== change.position.x || from.y !== change.position.y) record = true;
            }
          }
        }
      }
      if (record) checkpoint(changes.some((c) => c.type === 'remove') ? 'remove' : '', 100);
      set({ nodes: applyNodeChanges(changes, get().nodes), dragging });
    },

    onEdgesChange(changes) {
      if (changes.some((change) => change.type !== 'select')) checkpoint('remove', 100);
      set({ edges: applyEdgeChanges(changes, get().edges) });
    },

    connect(connection) {
      const { nodes, edges } = get();
      if (connectionRefusal(nodes, edges, connection)) return;
      checkpoint();
      const id = freshId('e', new Set(edges.map((edge) => edge.id)));
      set({
        edges: [
          ...edges,
          {
            id,
            source: connection.source,
            target: connection.target,
            sourceHandle: connection.sourceHandle ?? null,
          },
        ],
      });
    },

    removeEdge(id) {
      checkpoint();
      set({ edges: get().edges.filter((edge) => edge.id !== id) });
    },

    addNode(type, position) {
      checkpoint();
      const { nodes } = get();
      const id = freshId(type, new Set(nodes.map((node) => node.id)));
      set({
        nodes: [
          ...nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
          { id, type, position, data: defaultData(type), selected: true },
        ],
      });
      return id;
    },

    updateNodeData(id, data, coalesceKey) {
      checkpoint(coalesceKey ? `data:${id}:${coalesceKey}` : '');
      set({ nodes: get().nodes.map((node) => (node.id === id ? { ...node, data } : node)) });
    },

    setName(name) {
      checkpoint('name');
      set({ name });
    },

    setDescription(description) {
      checkpoint('description');
      set({ description: description || undefined });
    },

    selectOnly(id) {
      set({
        nodes: get().nodes.map((node) => ({ ...node, selected: node.id === id })),
        edges: get().edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
      });
    },

    clearSelection() {
      set({
        nodes: get().nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
        edges: get().edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
      });
    },

    deleteSelected() {
      const { nodes, edges } = get();
      const gone = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
      const keptEdges = edges.filter(
        (edge) => !edge.selected && !gone.has(edge.source) && !gone.has(edge.target),
      );
      if (gone.size === 0 && keptEdges.length === edges.length) return;
      checkpoint();
      set({ nodes: nodes.filter((node) => !gone.has(node.id)), edges: keptEdges });
    },

    copySelection() {
      const clipboard = copyOf(get().nodes, get().edges);
      if (clipboard) set({ clipboard, pasteCount: 0 });
    },

    paste() {
      const { clipboard, nodes, edges, pasteCount } = get();
      if (!clipboard) return;
      checkpoint();
      set({ ...pasteInto(clipboard, nodes, edges, pasteCount), pasteCount: pasteCount + 1 });
    },

    autoLayout() {
      checkpoint();
      set({ nodes: layout(get().nodes, get().edges) });
    },

    undo() {
      const step = undone(get(), get());
      if (!step) return;
      restore(step.doc);
      set(step.history);
    },

    redo() {
      const step = redone(get(), get());
      if (!step) return;
      restore(step.doc);
      set(step.history);
    },

    setProblems(problems) {
      const problemsByNode: Record<string, string> = {};
      for (const { nodeId, message } of problems)
        if (nodeId)
          problemsByNode[nodeId] = problemsByNode[nodeId] ? `${problemsByNode[nodeId]}\n${message}` : message;
      set({ problems });
      useCanvasMarks.setState({ problemsByNode });
    },

    setHighlight(highlight) {
      set({ highlight });
      useCanvasMarks.setState({ highlight });
    },
  };
});

const NO_KINDS: ReadonlyMap<string, InsightKind> = new Map();
let savedKinds = { json: '', kinds: NO_KINDS };

/**
 * The nodes of the saved version the server has figures for, by id, and of which kind: a node
 * asks for its figures only if it was saved as that kind. Parsed once per saved version, so the
 * canvas nodes may ask on every change of the store.
 */
export function savedInsightKinds(savedJson: string): ReadonlyMap<string, InsightKind> {
  if (!savedJson) return NO_KINDS; // nothing loaded yet
  if (savedJson !== savedKinds.json) {
    const kinds = new Map<string, InsightKind>();
    for (const node of (JSON.parse(savedJson) as WorkflowFile).nodes) {
      const kind = insightKindOf(node.type, node.data as Record<string, unknown>);
      if (kind) kinds.set(node.id, kind);
    }
    savedKinds = { json: savedJson, kinds };
  }
  return savedKinds.kinds;
}

/** Whether the document differs from what was last loaded or saved. */
export const isDirty = (state: EditorState) =>
  state.workflowId !== null && fileJson(state) !== state.savedJson;

/**
 * isDirty for rendering. During a drag the document changes every frame and comparing it costs a
 * serialisation of every node, so the answer is kept until the drag ends.
 */
let dirtyBeforeDrag = false;
const dirtyUnlessDragging = (state: EditorState) => {
  if (!state.dragging) dirtyBeforeDrag = isDirty(state);
  return dirtyBeforeDrag;
};
export const useIsDirty = (): boolean => useEditor(dirtyUnlessDragging);

/** The nodes' ids, types and data, unchanged (same array) when nodes only move or get selected. */
export function useNodeOutline(): NodeOutline[] {
  const flat = useEditor(
    useShallow((state) => state.nodes.flatMap((node) => [node.id, node.type, node.data] as const)),
  );
  return useMemo(() => {
    const outline: NodeOutline[] = [];
    for (let i = 0; i < flat.length; i += 3)
      outline.push({
        id: flat[i] as string,
        type: flat[i + 1] as FlowNode['type'],
        data: flat[i + 2] as FlowNode['data'],
      });
    return outline;
  }, [flat]);
}
