import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
} from '@xyflow/react';
import type { NodeType } from '@leadflow/workflow';
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
} from '../api/client';
import { keys, useFields, useManagers } from '../api/queries';
import { Link, navigate, setNavigationGuard } from '../app/router';
import { ErrorNotice, Loading, ProblemList } from '../components/feedback';
import { Connections } from './connections';
import { NodeInsight } from './insight';
import { connectionRefusal, fileFromDoc, freeSpot, NODE_TITLES } from './graph';
import { nodeTypes } from './nodes';
import { Palette, PALETTE_MIME } from './palette';
import { RunsPanel } from './runs-panel';
import { SettingsPanel } from './settings-panel';
import { fileJson, isDirty, useEditor, useIsDirty } from './store';
import { validate } from './validation';
import { ActivationWarnings } from '../workflows/activation-warnings';

const LEAVE_QUESTION = 'This workflow has unsaved changes. Leave without saving?';
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const inTextInput = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

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
const FIT_VIEW_OPTIONS = { maxZoom: 1.2 };
const minimapColor = (node: { type?: string }) => MINIMAP_COLORS[node.type as NodeType] ?? '#8a96a3';

interface Refusal {
  title: string;
  problems: Problem[];
}

export function EditorPage({ id }: { id: string }) {
  const record = useQuery({
    queryKey: keys.workflow(id),
    queryFn: () => api.workflow(id),
    // Loaded once per visit and never behind the user's back; not kept between visits, so
    // opening the editor again starts from the server's latest version.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const loadedId = useEditor((state) => state.workflowId);
  const load = useEditor((state) => state.load);

  useEffect(() => {
    if (record.data && loadedId !== id) load(record.data);
  }, [record.data, loadedId, id, load]);

  useEffect(() => () => useEditor.setState({ workflowId: null }), []);

  if (record.isPending) return <Loading what="the workflow" />;
  if (record.isError) return <ErrorNotice error={record.error} title="The workflow could not be loaded" />;
  if (loadedId !== id) return <Loading what="the workflow" />;
  return (
    <ReactFlowProvider>
      <Editor id={id} initialProblems={record.data.problems ?? []} />
    </ReactFlowProvider>
  );
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

  const save = useCallback(async (): Promise<boolean> => {
    const current = useEditor.getState();
    const file = fileFromDoc(current);
    const sentJson = JSON.stringify(file);
    setBusy('Saving…');
    setRefusal(null);
    try {
      // Two tabs must not overwrite each other: refuse when the server moved on since we loaded.
      const latest = await api.workflow(id);
      if (latest.version > current.version) {
        setConflict(latest);
        return false;
      }
      const saved = await api.saveWorkflow(id, file);
      useEditor.getState().markSaved({ version: saved.version, active: saved.active, savedJson: sentJson });
      setServerProblems(saved.problems ?? []);
      queryClient.setQueryData(keys.workflow(id), saved);
      void queryClient.invalidateQueries({ queryKey: keys.workflows, exact: true });
      setNotice(`Saved as version ${saved.version}.`);
      return true;
    } catch (error) {
      setRefusal({ title: 'Save refused', problems: problemsOf(error) });
      setSide('problems');
      return false;
    } finally {
      setBusy(null);
    }
  }, [id, queryClient]);

  const toggleActive = async () => {
    const activating = !useEditor.getState().active;
    if (activating && dirty && !(await save())) return;
    setBusy(activating ? 'Activating…' : 'Deactivating…');
    setRefusal(null);
    try {
      setWarnings([]);
      const result = activating ? await api.activate(id) : { ...(await api.deactivate(id)), warnings: [] };
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
      if (!mod) return;
      const key = event.key.toLowerCase();
      const store = useEditor.getState();
      if (key === 's') {
        event.preventDefault();
        void save();
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
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const addAtCenter = (type: NodeType) => {
    const box = canvasRef.current?.getBoundingClientRect();
    const center = box
      ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    actions.addNode(type, freeSpot(nodes, { x: center.x - 110, y: center.y - 40 }));
    setSide('settings');
  };

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
        <span className="hint">v{version}</span>
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
        <button type="button" onClick={actions.autoLayout} title="Arrange the nodes top to bottom">
          Auto-layout
        </button>
        <button
          type="button"
          onClick={() => void flow.fitView({ duration: 300, maxZoom: 1.2, padding: 0.2 })}
        >
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
            isValidConnection={isValidConnection}
            deleteKeyCode={DELETE_KEYS}
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={0.1}
          >
            <Background gap={16} />
            <MiniMap pannable zoomable ariaLabel="Overview of the workflow" nodeColor={minimapColor} />
            <Controls />
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
        {side === 'runs' && <RunsPanel workflowId={workflowId} />}
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
