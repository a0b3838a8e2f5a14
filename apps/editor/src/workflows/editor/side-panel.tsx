import { memo, useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Field, Manager, Problem } from '../../api/client';
import { Connections } from '../../canvas/connections';
import { NODE_TITLES } from '../../document/graph';
import { useEditor } from '../../state/store';
import { NodeInsight } from '../../insight/insight';
import { SettingsPanel } from '../../node-settings/settings-panel';
import { RunsPanel } from '../../runs/runs-panel';
import { NEW_WORKFLOW_ID } from './new-workflow';
import { ProblemsPanel } from './problems-panel';
import type { Refusal, Side } from './use-editor-status';
import type { LocalProblems } from './use-live-validation';

/** How the problems list names a node: its type's title and its id. */
const nodeLabel = (nodeId: string) => {
  const node = useEditor.getState().nodes.find((candidate) => candidate.id === nodeId);
  return node ? `${NODE_TITLES[node.type!]} ${node.id}` : nodeId;
};

const NO_FIELDS: Field[] = [];
const NO_MANAGERS: Manager[] = [];

/**
 * The tabs beside the canvas. Memoised and fed by its own store selections (which node is
 * selected, its data), so it does not render again while nodes are dragged.
 */
export const SidePanel = memo(function SidePanel({
  workflowId,
  side,
  onSide,
  fields = NO_FIELDS,
  managers = NO_MANAGERS,
  local,
  refusal,
  serverProblems,
  onSelectNode,
}: {
  workflowId: string;
  side: Side;
  onSide: (side: Side) => void;
  fields: Field[] | undefined;
  managers: Manager[] | undefined;
  local: LocalProblems;
  refusal: Refusal | null;
  serverProblems: Problem[];
  onSelectNode: (nodeId: string) => void;
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
