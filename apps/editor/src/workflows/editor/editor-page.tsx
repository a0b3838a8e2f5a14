import {
  Background,
  Controls,
  ControlButton,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type IsValidConnection,
} from '@xyflow/react';
import { WORKFLOW_FORMAT, type NodeType, type WorkflowFile } from '@leadflow/workflow';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  api,
  problemsOf,
  type ActivationWarning,
  type Field,
  type Manager,
  type Problem,
  type WorkflowRecord,
} from '../../api/client';
import { keys, useFields, useManagers } from '../../api/queries';
import { Link, navigate, setNavigationGuard } from '../../app/router';
import { ErrorNotice, Loading, ProblemList } from '../../components/feedback';
import { Connections } from '../../canvas/connections';
import { NodeInsight } from '../../insight/insight';
import { connectionRefusal, fileFromDoc, NODE_HEIGHT, NODE_TITLES, NODE_WIDTH, spotInView } from '../../document/graph';
import { nodeTypes } from '../../canvas/nodes';
import { Palette, PALETTE_MIME } from '../../canvas/palette';
import { RunsPanel } from '../../runs/runs-panel';
import { SettingsPanel } from '../../node-settings/settings-panel';
import { fileJson, isDirty, useEditor, useIsDirty } from '../../document/store';
import { validate } from '../../document/validation';
import { ActivationWarnings } from '../activation-warnings';

const LEAVE_QUESTION = 'This workflow has unsaved changes. Leave without saving?';
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const inTextInput = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
/** Where typing goes: there Ctrl+Z undoes the typing (the browser's own undo), not the workflow. */
const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(target.type)));

/** The route of a workflow not yet saved: it exists on the server only once the user saves it. */
export const NEW_WORKFLOW_ID = 'new';
const newWorkflowFile = (): WorkflowFile => ({
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

const MINIMAP_COLORS: Record<NodeType, string> = {
  trigger: '#6b4fd8',
  filter: '#d08a00',
  updateField: '#2f6fde',
  addTag: '#0f8b8d',
  removeTag: '#0f8b8d',
  wait: '#8a96a3',
  split: '#c2417a',
};

type Side = 'settings' | 'problems' | 'runs';

// Constant props for React Flow: new arrays or functions on every render make it redo work.
const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
// The overview (minimap, bottom right) and the zoom buttons (bottom left) sit over the canvas:
// fitting leaves the band below free, so they never cover a node or its handles.
const FIT_VIEW_OPTIONS = {
  maxZoom: 1.2,
  padding: { top: '24px', left: '24px', right: '24px', bottom: '130px' },
} as const;
const MINIMAP_STYLE = { width: 132, height: 88 };
const minimapColor = (node: { type?: string }) => MINIMAP_COLORS[node.type as NodeType] ?? '#8a96a3';

interface Refusal {
  title: string;
  problems: Problem[];
}

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
      continuedFrom.delete(shownId.current);
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
  const flow = useReactFlow();
  const queryClient = useQueryClient();
  const canvasRef = useRef<HTMLDivElement>(null);
  const fields = useFields();
  const managers = useManagers();
  // Each part of the store on its own: during a drag only `nodes` changes, and what does not
  // depend on it (the side panel above all) is not rendered again.
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const name = useEditor((state) => state.name);
  const description = useEditor((state) => state.description);
  const active = useEditor((state) => state.active);
  const version = useEditor((state) => state.version);
  const highlight = useEditor((state) => state.highlight);
  const dragging = useEditor((state) => state.dragging);
  const canUndo = useEditor((state) => state.past.length > 0);
  const canRedo = useEditor((state) => state.future.length > 0);
  const actions = useEditor.getState();
  const dirty = useIsDirty();
  const [side, setSide] = useState<Side>('settings');
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [conflict, setConflict] = useState<WorkflowRecord | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>(initialProblems);
  const [local, setLocal] = useState<{ save: Problem[]; activation: Problem[] }>({
    save: [],
    activation: [],
  });
  const [notice, setNotice] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<ActivationWarning[]>([]);
  const [overview, setOverview] = useState(true);
  const isNew = id === NEW_WORKFLOW_ID;
  const saving = useRef(false);
  const added = useRef(0);

  // Validate with the format package a moment after the last change, and not during a drag
  // (a slow drag pauses longer than the debounce): drags stay smooth, the drop is checked.
  useEffect(() => {
    if (dragging) return;
    const timer = window.setTimeout(() => {
      const result = validate(fileFromDoc({ name, description, nodes, edges }), {
        fields: fields.data,
        managers: managers.data,
      });
      setLocal(result);
      useEditor.getState().setProblems([...result.save, ...result.activation]);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [nodes, edges, name, description, fields.data, managers.data, dragging]);

  // Guard unsaved changes against closing the tab and against leaving inside the app.
  useEffect(() => {
    setNavigationGuard(() => (isDirty(useEditor.getState()) ? LEAVE_QUESTION : null));
    return () => setNavigationGuard(null);
  }, []);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = LEAVE_QUESTION;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Saves; a new workflow is created by its first save. Resolves to the saved id, or null if not saved. */
  const save = useCallback(async (): Promise<string | null> => {
    if (saving.current) return null;
    saving.current = true;
    const current = useEditor.getState();
    const file = fileFromDoc(current);
    const sentJson = JSON.stringify(file);
    setBusy('Saving…');
    setRefusal(null);
    try {
      if (current.workflowId === NEW_WORKFLOW_ID) {
        const created = await api.createWorkflow(file);
        useEditor.setState({ workflowId: created.id });
        useEditor
          .getState()
          .markSaved({ version: created.version, active: created.active, savedJson: sentJson });
        setServerProblems(created.problems ?? []);
        queryClient.setQueryData(keys.workflow(created.id), created);
        void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
        continuedFrom.set(created.id, editorKey(NEW_WORKFLOW_ID));
        navigate(`/workflows/${created.id}`, { replace: true });
        setNotice(`Saved as version ${created.version}.`);
        return created.id;
      }
      // Two tabs must not overwrite each other: refuse when the server moved on since we loaded.
      const latest = await api.workflow(id);
      if (latest.version > current.version) {
        setConflict(latest);
        return null;
      }
      const saved = await api.saveWorkflow(id, file);
      useEditor.getState().markSaved({ version: saved.version, active: saved.active, savedJson: sentJson });
      setServerProblems(saved.problems ?? []);
      queryClient.setQueryData(keys.workflow(id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      setNotice(`Saved as version ${saved.version}.`);
      return id;
    } catch (error) {
      setRefusal({ title: 'Save refused', problems: problemsOf(error) });
      setSide('problems');
      return null;
    } finally {
      saving.current = false;
      setBusy(null);
    }
  }, [id, queryClient]);

  const toggleActive = async () => {
    const activating = !useEditor.getState().active;
    let target = id;
    if (activating && (dirty || isNew)) {
      const saved = await save();
      if (!saved) return;
      target = saved;
    }
    setBusy(activating ? 'Activating…' : 'Deactivating…');
    setRefusal(null);
    try {
      setWarnings([]);
      const result = activating ? await api.activate(target) : { ...(await api.deactivate(target)), warnings: [] };
      useEditor.getState().setActive(result.active);
      // Not blocking: the workflow is active; the overlaps show until dismissed.
      setWarnings(result.warnings ?? []);
      void queryClient.invalidateQueries({ queryKey: keys.workflows });
      setNotice(result.active ? 'Active: new lead events now run this workflow.' : 'Deactivated.');
    } catch (error) {
      setRefusal({
        title: activating ? 'Activation refused' : 'Deactivation refused',
        problems: problemsOf(error),
      });
      setSide('problems');
    } finally {
      setBusy(null);
    }
  };

  const reloadFromServer = () => {
    if (!conflict) return;
    useEditor.getState().load(conflict);
    queryClient.setQueryData(keys.workflow(id), conflict);
    setConflict(null);
    setNotice(`Loaded version ${conflict.version} from the server.`);
  };

  const saveAsCopy = async () => {
    const file = fileFromDoc(useEditor.getState());
    try {
      const created = await api.createWorkflow({ ...file, name: `${file.name} (my copy)` });
      useEditor.getState().markSaved({
        version: useEditor.getState().version,
        active: false,
        savedJson: fileJson(useEditor.getState()),
      });
      setConflict(null);
      void queryClient.invalidateQueries({ queryKey: keys.workflows });
      navigate(`/workflows/${created.id}`);
    } catch (error) {
      setRefusal({ title: 'Saving a copy was refused', problems: problemsOf(error) });
    }
  };

  // Keyboard: save, undo/redo, copy/paste. Delete and arrow moves are React Flow's own.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (event.key === 'Escape' && !mod) {
        escape(event);
        return;
      }
      if (!mod) return;
      const key = event.key.toLowerCase();
      const store = useEditor.getState();
      if (key === 's') {
        event.preventDefault();
        void save();
      } else if ((key === 'z' || key === 'y') && typingIn(event.target)) {
        // The browser undoes the typing in the field; the form stays and the workflow's history too.
        return;
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        store.redo();
      } else if (key === 'z') {
        event.preventDefault();
        store.undo();
      } else if (key === 'c' && !inTextInput(event.target) && !window.getSelection()?.toString()) {
        store.copySelection();
      } else if (key === 'v' && !inTextInput(event.target)) {
        store.paste();
      }
    };
    // Escape outside a field and a dialog (React Flow handles a focused node itself): clear the
    // selection, closing the node's form, and give the keyboard to the canvas.
    const escape = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.defaultPrevented || typingIn(target)) return;
      if (target?.closest?.('[role="dialog"], .react-flow__node, .react-flow__edge')) return;
      const store = useEditor.getState();
      if (!store.nodes.some((node) => node.selected) && !store.edges.some((edge) => edge.selected)) return;
      store.clearSelection();
      canvasRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const fitOptions = useMemo(() => ({ ...FIT_VIEW_OPTIONS, duration: 300 }), []);

  /** The part of the canvas the user sees, in flow coordinates, less the overview's corner band. */
  const visibleArea = () => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    const from = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const to = flow.screenToFlowPosition({ x: box.right, y: box.bottom - 130 });
    return { x: from.x, y: from.y, width: to.x - from.x, height: Math.max(0, to.y - from.y) };
  };

  const addAtCenter = (type: NodeType) => {
    const area = visibleArea();
    const spot = area ? spotInView(nodes, area, added.current) : { x: 0, y: 0, pan: false };
    added.current += 1;
    actions.addNode(type, { x: spot.x, y: spot.y });
    // No room left in view: the view moves to the new node rather than the node landing on another.
    if (spot.pan && area)
      // Centred in the part of the canvas above the overview's band (130 px high on screen).
      void flow.setCenter(spot.x + NODE_WIDTH / 2, spot.y + NODE_HEIGHT / 2 + 65 / flow.getZoom(), {
        zoom: flow.getZoom(),
        duration: 200,
      });
    setSide('settings');
  };

  const autoLayout = () => {
    actions.autoLayout();
    // Fit once React Flow has the new positions (the next frame).
    window.requestAnimationFrame(() => void flow.fitView(fitOptions));
  };

  /** A connection dropped where it was refused: say why. Dropped on a node's body: connect to it if allowed. */
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid || !state.fromNode || !state.fromHandle) return;
    let toId = state.toNode?.id ?? null;
    if (!toId) {
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const under = point ? document.elementFromPoint(point.clientX, point.clientY) : null;
      toId = under?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null;
    }
    if (!toId || toId === state.fromNode.id) return;
    const outgoing = state.fromHandle.type === 'source';
    const connection = outgoing
      ? {
          source: state.fromNode.id,
          sourceHandle: state.fromHandle.id ?? null,
          target: toId,
          targetHandle: null,
        }
      : { source: toId, sourceHandle: null, target: state.fromNode.id, targetHandle: null };
    const { nodes: currentNodes, edges: currentEdges } = useEditor.getState();
    const refusal = connectionRefusal(currentNodes, currentEdges, connection);
    if (refusal) setNotice(`Not connected: ${refusal}`);
    else if (outgoing && !state.toHandle) useEditor.getState().connect(connection);
  }, []);

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_MIME) as NodeType;
    if (!type) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    actions.addNode(type, { x: at.x - 110, y: at.y - 20 });
    setSide('settings');
  };

  const isValidConnection: IsValidConnection = useCallback((connection) => {
    const { nodes: currentNodes, edges: currentEdges } = useEditor.getState();
    return connectionRefusal(currentNodes, currentEdges, connection as Connection) === null;
  }, []);

  const shownEdges: Edge[] = useMemo(
    () =>
      edges.map((edge) => {
        const handle = edge.sourceHandle ?? undefined;
        // pass, fail and none have coloured, labelled handles; a split's branch is named on its edge.
        const kind = handle && (['pass', 'fail', 'none'].includes(handle) ? handle : 'branch');
        const onPath =
          highlight !== null && highlight[edge.source] !== undefined && highlight[edge.target] !== undefined;
        return {
          ...edge,
          label: kind === 'branch' ? handle : undefined,
          className: [kind && `edge-${kind}`, onPath && 'on-path', highlight && !onPath && 'dimmed']
            .filter(Boolean)
            .join(' '),
          animated: onPath,
        };
      }),
    [edges, highlight],
  );

  const nodeLabel = useCallback((nodeId: string) => {
    const node = useEditor.getState().nodes.find((candidate) => candidate.id === nodeId);
    return node ? `${NODE_TITLES[node.type!]} ${node.id}` : nodeId;
  }, []);
  const focusNode = useCallback(
    (nodeId: string) => {
      useEditor.getState().selectOnly(nodeId);
      const node = useEditor.getState().nodes.find((candidate) => candidate.id === nodeId);
      if (node)
        void flow.setCenter(node.position.x + 110, node.position.y + 40, { zoom: 1.2, duration: 300 });
      setSide('settings');
    },
    [flow],
  );
  const mod = isMac ? '⌘' : 'Ctrl+';

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
        <button type="button" onClick={actions.undo} disabled={!canUndo} title={`Undo (${mod}Z)`}>
          Undo
        </button>
        <button type="button" onClick={actions.redo} disabled={!canRedo} title={`Redo (${mod}Shift+Z)`}>
          Redo
        </button>
        <button type="button" onClick={autoLayout} title="Arrange the nodes top to bottom">
          Auto-layout
        </button>
        <button type="button" onClick={() => void flow.fitView(fitOptions)}>
          Fit view
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() => void save()}
          title={`Save (${mod}S)`}
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
      <ActivationWarnings workflowName={name} warnings={warnings} onDismiss={() => setWarnings([])} />
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
            <button type="button" onClick={() => setConflict(null)}>
              Keep editing
            </button>
          </div>
        </div>
      )}
      <div className="editor-body">
        <Palette onAdd={addAtCenter} />
        <div
          className="canvas"
          ref={canvasRef}
          tabIndex={-1}
          onDragOver={(event) => event.preventDefault()}
          onDrop={onDrop}
        >
          <ReactFlow
            nodes={nodes}
            edges={shownEdges}
            nodeTypes={nodeTypes}
            onNodesChange={actions.onNodesChange}
            onEdgesChange={actions.onEdgesChange}
            onConnect={actions.connect}
            onConnectEnd={onConnectEnd}
            isValidConnection={isValidConnection}
            deleteKeyCode={DELETE_KEYS}
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={0.1}
          >
            <Background gap={16} />
            {overview && (
              <MiniMap
                pannable
                zoomable
                ariaLabel="Overview of the workflow"
                nodeColor={minimapColor}
                style={MINIMAP_STYLE}
              />
            )}
            <Controls showInteractive={false}>
              <ControlButton
                onClick={() => setOverview(!overview)}
                aria-pressed={overview}
                aria-label={overview ? 'Hide overview' : 'Show overview'}
                title={overview ? 'Hide the overview' : 'Show the overview'}
              >
                ▣
              </ControlButton>
            </Controls>
          </ReactFlow>
        </div>
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
          nodeLabel={nodeLabel}
        />
      </div>
    </div>
  );
}

const NO_PROBLEMS: Problem[] = [];
const NO_FIELDS: Field[] = [];
const NO_MANAGERS: Manager[] = [];

/**
 * The tabs beside the canvas. Memoised and fed by its own store selections (which node is
 * selected, its data), so it does not render again while nodes are dragged.
 */
const SidePanel = memo(function SidePanel({
  workflowId,
  side,
  onSide,
  fields = NO_FIELDS,
  managers = NO_MANAGERS,
  local,
  refusal,
  serverProblems,
  onSelectNode,
  nodeLabel,
}: {
  workflowId: string;
  side: Side;
  onSide: (side: Side) => void;
  fields: Field[] | undefined;
  managers: Manager[] | undefined;
  local: { save: Problem[]; activation: Problem[] };
  refusal: Refusal | null;
  serverProblems: Problem[];
  onSelectNode: (nodeId: string) => void;
  nodeLabel: (nodeId: string) => string;
}) {
  const selectedIds = useEditor(
    useShallow((state) => state.nodes.filter((node) => node.selected).map((node) => node.id)),
  );
  const onlyId = selectedIds.length === 1 ? selectedIds[0] : null;
  const type = useEditor((state) =>
    onlyId ? state.nodes.find((node) => node.id === onlyId)?.type : undefined,
  );
  const data = useEditor((state) =>
    onlyId ? state.nodes.find((node) => node.id === onlyId)?.data : undefined,
  );
  const selected = useMemo(
    () => (onlyId && type && data ? { id: onlyId, type, data } : null),
    [onlyId, type, data],
  );
  const onChange = useCallback(
    (next: Record<string, unknown>, key?: string) => {
      if (onlyId) useEditor.getState().updateNodeData(onlyId, next, key);
    },
    [onlyId],
  );
  const problemCount = local.save.length + local.activation.length + (refusal?.problems.length ?? 0);
  return (
    <aside className="side">
      <div className="tabs" role="tablist" aria-label="Panels">
        {(['settings', 'problems', 'runs'] as const).map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={side === tab} onClick={() => onSide(tab)}>
            {tab === 'settings' ? 'Settings' : tab === 'problems' ? `Problems (${problemCount})` : 'Runs'}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel">
        {side === 'settings' &&
          (selected ? (
            <>
              <SettingsPanel
                key={selected.id}
                node={selected}
                fields={fields}
                managers={managers}
                onChange={onChange}
              />
              <Connections node={selected} />
              <NodeInsight workflowId={workflowId} node={selected} />
            </>
          ) : (
            <WorkflowSettings count={selectedIds.length} />
          ))}
        {side === 'problems' && (
          <ProblemsPanel
            refusal={refusal}
            save={local.save}
            activation={local.activation}
            server={serverProblems}
            onSelectNode={onSelectNode}
            nodeLabel={nodeLabel}
          />
        )}
        {side === 'runs' &&
          (workflowId === NEW_WORKFLOW_ID ? (
            <p className="state">Not saved yet: save the workflow to see its runs.</p>
          ) : (
            <RunsPanel workflowId={workflowId} />
          ))}
      </div>
    </aside>
  );
});

function WorkflowSettings({ count }: { count: number }) {
  const description = useEditor((state) => state.description);
  const setDescription = useEditor((state) => state.setDescription);
  return (
    <div className="settings">
      {count > 1 ? (
        <p className="hint">{count} nodes selected. Delete, copy or drag them together.</p>
      ) : (
        <p className="hint">Select a node to edit it.</p>
      )}
      <div className="field">
        <label htmlFor="workflow-description">Description</label>
        <textarea
          id="workflow-description"
          rows={4}
          value={description ?? ''}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <details className="help">
        <summary>Keyboard</summary>
        <ul>
          <li>Ctrl/⌘+S save · Ctrl/⌘+Z undo · Ctrl/⌘+Shift+Z redo</li>
          <li>Ctrl/⌘+C / V copy and paste nodes · Delete or Backspace removes the selection</li>
          <li>Shift+click or Shift+drag selects several · arrows move the selection</li>
        </ul>
      </details>
    </div>
  );
}

export function ProblemsPanel({
  refusal,
  save,
  activation,
  server,
  onSelectNode,
  nodeLabel,
}: {
  refusal: Refusal | null;
  save: Problem[];
  activation: Problem[];
  server: Problem[];
  onSelectNode?: (nodeId: string) => void;
  nodeLabel?: (nodeId: string) => string;
}) {
  const nothing = !refusal && save.length === 0 && activation.length === 0 && server.length === 0;
  return (
    <div className="problems-panel">
      {refusal && (
        <section className="notice error" role="alert">
          <h4>{refusal.title}</h4>
          <ProblemList problems={refusal.problems} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {save.length > 0 && (
        <section>
          <h4>Blocks saving ({save.length})</h4>
          <ProblemList problems={save} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {activation.length > 0 && (
        <section>
          <h4>Blocks activation ({activation.length})</h4>
          <ProblemList problems={activation} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {server.length > 0 && save.length === 0 && activation.length === 0 && (
        <section>
          <h4>The server reports ({server.length})</h4>
          <ProblemList problems={server} onSelectNode={onSelectNode} nodeLabel={nodeLabel} />
        </section>
      )}
      {nothing && <p className="state">No problems: this workflow can be saved and activated.</p>}
    </div>
  );
}
