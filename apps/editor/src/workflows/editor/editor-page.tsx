import { ReactFlowProvider } from '@xyflow/react';
import type { NodeType } from '@leadflow/workflow';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { api, type Problem } from '../../api/client';
import { keys, useFields, useManagers } from '../../api/queries';
import { Link } from '../../components/router';
import { ErrorNotice, Loading } from '../../components/feedback';
import { Palette } from '../../canvas/palette';
import { useCanvasView } from '../../canvas/use-canvas-view';
import { WorkflowCanvas } from '../../canvas/workflow-canvas';
import { useEditor, useIsDirty } from '../../state/store';
import { ActivationWarnings } from '../activation-warnings';
import { forgetEditorKey, NEW_WORKFLOW_ID, newWorkflowFile } from './new-workflow';
import { SidePanel } from './side-panel';
import { useActivation } from './use-activation';
import { MOD_KEY, useEditorShortcuts } from './use-editor-shortcuts';
import { useEditorStatus } from './use-editor-status';
import { useLiveValidation } from './use-live-validation';
import { useNavigationGuard } from './use-navigation-guard';
import { useSaveWorkflow } from './use-save-workflow';

const NO_PROBLEMS: Problem[] = [];

/** The workflow editor at /workflows/<id> (or /workflows/new): loads the workflow, then edits it. */
export function EditorPage({ id }: { id: string }) {
  const isNew = id === NEW_WORKFLOW_ID;
  const record = useQuery({
    queryKey: keys.workflow(id),
    queryFn: () => api.workflow(id),
    enabled: !isNew,
    // Loaded once per visit and never behind the user's back; not kept between visits, so
    // opening the editor again starts from the server's latest version.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const loadedId = useEditor((state) => state.workflowId);
  const load = useEditor((state) => state.load);

  useEffect(() => {
    if (loadedId === id) return;
    if (isNew) load({ id: NEW_WORKFLOW_ID, version: 0, active: false, definition: newWorkflowFile() });
    else if (record.data) load(record.data);
  }, [record.data, loadedId, id, isNew, load]);

  const shownId = useRef(id);
  shownId.current = id;
  useEffect(
    () => () => {
      useEditor.setState({ workflowId: null });
      forgetEditorKey(shownId.current);
    },
    [],
  );

  // The store holds this workflow already (a new one just saved): keep editing, whatever the query says.
  if (loadedId === id)
    return (
      <ReactFlowProvider>
        <Editor id={id} initialProblems={record.data?.problems ?? NO_PROBLEMS} />
      </ReactFlowProvider>
    );
  if (record.isError) return <ErrorNotice error={record.error} title="The workflow could not be loaded" />;
  return <Loading what="the workflow" />;
}

function Editor({ id, initialProblems }: { id: string; initialProblems: Problem[] }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const fields = useFields();
  const managers = useManagers();
  // Each part of the store on its own: what does not depend on the nodes (the side panel above
  // all) is not rendered again during a drag.
  const name = useEditor((state) => state.name);
  const active = useEditor((state) => state.active);
  const version = useEditor((state) => state.version);
  const canUndo = useEditor((state) => state.past.length > 0);
  const canRedo = useEditor((state) => state.future.length > 0);
  const actions = useEditor.getState();
  const dirty = useIsDirty();
  const isNew = id === NEW_WORKFLOW_ID;
  const status = useEditorStatus();
  const { busy, notice, setNotice, refusal, side, setSide } = status;
  const local = useLiveValidation(fields.data, managers.data);
  const { save, serverProblems, conflict, keepEditing, reloadFromServer, saveAsCopy } = useSaveWorkflow(
    id,
    initialProblems,
    status,
  );
  const { toggleActive, warnings, dismissWarnings } = useActivation(id, dirty || isNew, save, status);
  const view = useCanvasView(canvasRef);
  useNavigationGuard(dirty);
  useEditorShortcuts(save, canvasRef);

  const showSettings = useCallback(() => setSide('settings'), [setSide]);
  const addNode = (type: NodeType) => {
    view.addAtCenter(type);
    showSettings();
  };
  const { focusNode: centreOn } = view;
  const focusNode = useCallback(
    (nodeId: string) => {
      centreOn(nodeId);
      showSettings();
    },
    [centreOn, showSettings],
  );

  return (
    <div className="editor">
      <div className="toolbar" role="toolbar" aria-label="Workflow">
        <Link href="/workflows" className="back">
          ← Workflows
        </Link>
        <input
          className="name"
          aria-label="Workflow name"
          value={name}
          onChange={(event) => actions.setName(event.target.value)}
        />
        <span className={`pill ${active ? 'good' : ''}`}>{active ? 'active' : 'inactive'}</span>
        <span className="hint">{isNew ? 'not saved yet' : `v${version}`}</span>
        {dirty ? (
          <span className="unsaved">● Unsaved changes</span>
        ) : (
          <span className="hint">All changes saved</span>
        )}
        <span className="spacer" />
        <button type="button" onClick={actions.undo} disabled={!canUndo} title={`Undo (${MOD_KEY}Z)`}>
          Undo
        </button>
        <button type="button" onClick={actions.redo} disabled={!canRedo} title={`Redo (${MOD_KEY}Shift+Z)`}>
          Redo
        </button>
        <button type="button" onClick={view.autoLayout} title="Arrange the nodes top to bottom">
          Auto-layout
        </button>
        <button type="button" onClick={view.fitView}>
          Fit view
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() => void save()}
          title={`Save (${MOD_KEY}S)`}
        >
          Save
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void toggleActive()}>
          {active ? 'Deactivate' : 'Activate'}
        </button>
      </div>
      {(busy || notice) && (
        <div className="status-line" role="status">
          {busy ?? notice}
          {!busy && (
            <button type="button" className="link" onClick={() => setNotice(null)}>
              dismiss
            </button>
          )}
        </div>
      )}
      <ActivationWarnings workflowName={name} warnings={warnings} onDismiss={dismissWarnings} />
      {conflict && (
        <div className="notice warn" role="alert">
          <strong>
            Someone saved this workflow (version {conflict.version}) after you opened version {version}.
          </strong>{' '}
          Your changes were not saved, so theirs are not overwritten.
          <div className="row">
            <button type="button" onClick={reloadFromServer}>
              Load their version (drop my changes)
            </button>
            <button type="button" onClick={() => void saveAsCopy()}>
              Save mine as a new workflow
            </button>
            <button type="button" onClick={keepEditing}>
              Keep editing
            </button>
          </div>
        </div>
      )}
      <div className="editor-body">
        <Palette onAdd={addNode} />
        <WorkflowCanvas canvasRef={canvasRef} onAdded={showSettings} onNotice={setNotice} />
        <SidePanel
          workflowId={id}
          side={side}
          onSide={setSide}
          fields={fields.data}
          managers={managers.data}
          local={local}
          refusal={refusal}
          serverProblems={dirty ? NO_PROBLEMS : serverProblems}
          onSelectNode={focusNode}
        />
      </div>
    </div>
  );
}
