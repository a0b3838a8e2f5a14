import type { EditorDoc } from '../document/graph';

/** How many steps back undo can go. */
const HISTORY_LIMIT = 200;

/** The last change recorded: its coalescing key and when (ms since the epoch). */
export interface Checkpoint {
  key: string;
  at: number;
}

/**
 * The workflow's undo/redo history: `past` holds the documents before each change (oldest first),
 * `future` those undone (next to redo first), `lastCheckpoint` the last change recorded.
 */
export interface History {
  past: EditorDoc[];
  future: EditorDoc[];
  lastCheckpoint: Checkpoint | null;
}

/** The document alone, without selection or measurements: what history keeps. */
export function snapshot(state: EditorDoc): EditorDoc {
  return {
    name: state.name,
    ...(state.description !== undefined ? { description: state.description } : {}),
    nodes: state.nodes.map(({ id, type, position, data }) => ({ id, type, position, data })),
    edges: state.edges.map(({ id, source, target, sourceHandle }) => ({ id, source, target, sourceHandle })),
  };
}

/**
 * The history once `doc` (the document before a change) is recorded. Changes with the same
 * non-empty key within `windowMs` of the last (typing in one input, the node and edge removals of
 * one Delete) become one step: only the checkpoint's time moves. Recording clears the redo steps.
 */
export function recorded(
  history: History,
  doc: EditorDoc,
  key: string,
  windowMs: number,
  now: number,
): Partial<History> {
  const last = history.lastCheckpoint;
  if (key && last && last.key === key && now - last.at < windowMs)
    return { lastCheckpoint: { key, at: now } };
  return {
    past: [...history.past, snapshot(doc)].slice(-HISTORY_LIMIT),
    future: [],
    lastCheckpoint: { key, at: now },
  };
}

/** One step back from `current`: the document to put back and the history after, or null when there is none. */
export function undone(
  history: History,
  current: EditorDoc,
): { doc: EditorDoc; history: Partial<History> } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    doc: previous,
    history: { past: history.past.slice(0, -1), future: [snapshot(current), ...history.future] },
  };
}

/** One step forward from `current`: the document to put back and the history after, or null when there is none. */
export function redone(
  history: History,
  current: EditorDoc,
): { doc: EditorDoc; history: Partial<History> } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    doc: next,
    history: { past: [...history.past, snapshot(current)], future: history.future.slice(1) },
  };
}
