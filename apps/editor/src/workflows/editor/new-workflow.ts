import { WORKFLOW_FORMAT, type WorkflowFile } from '@leadflow/workflow';

/** The route of a workflow not yet saved: it exists on the server only once the user saves it. */
export const NEW_WORKFLOW_ID = 'new';

/** What a new workflow starts as: a trigger on lead.created, nothing after it. */
export const newWorkflowFile = (): WorkflowFile => ({
  format: WORKFLOW_FORMAT,
  name: 'Untitled workflow',
  nodes: [{ id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } }],
  edges: [],
});

// A new workflow's first save moves its editor from /workflows/new to /workflows/<id>: the page
// keeps the editor it had (history, messages) by keeping its React key.
const continuedFrom = new Map<string, string>();
/** The React key of the editor page for a workflow id: stable across a new workflow's first save. */
export const editorKey = (id: string): string => continuedFrom.get(id) ?? id;
/** Records that the new workflow's editor goes on as workflow `id`'s (its first save created it). */
export const continueNewAs = (id: string): void => void continuedFrom.set(id, editorKey(NEW_WORKFLOW_ID));
/** Forgets the editor of workflow `id` (it was closed). */
export const forgetEditorKey = (id: string): void => void continuedFrom.delete(id);
