import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { NodeType } from '@leadflow/workflow';
import { memo, type ReactNode } from 'react';
import { describeNode } from '../document/describe';
import type { FlowNode } from '../document/graph';
import { NODE_TITLES } from '../document/graph';
import { useShallow } from 'zustand/react/shallow';
import { RotationMiniBar } from '../insight/rotation-chart';
import { nodeRotationLine } from '../insight/rotation-figures';
import { useRotationFigures } from '../insight/use-rotation-figures';
import { savedInsightKinds, useCanvasMarks, useEditor } from '../state/store';

export interface SourceHandle {
  /** undefined: the node's default output (edges without `sourceHandle`). */
  id?: string;
  label?: string;
  tone?: 'pass' | 'fail' | 'none';
}

function NodeShell({ id, type, data, selected, outputs }: NodeProps<FlowNode> & { outputs: SourceHandle[] }) {
  const kind = type as NodeType;
  const [messages, outcome, dimmed] = useCanvasMarks(
    useShallow((marks) => [
      marks.problemsByNode[id] ?? '',
      marks.highlight?.[id],
      marks.highlight !== null && marks.highlight[id] === undefined,
    ]),
  );
  const problemCount = messages ? messages.split('\n').length : 0;
  const classes = [
    'wf-node',
    `wf-${kind}`,
    selected && 'selected',
    problemCount > 0 && 'has-problems',
    outcome && 'on-path',
    dimmed && 'dimmed',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid={`node-${id}`}>
      {kind !== 'trigger' && <Handle type="target" position={Position.Top} />}
      <div className="wf-node-head">
        <span className="wf-node-type">{NODE_TITLES[kind]}</span>
        {problemCount > 0 && (
          <span
            className="badge problem"
            title={messages}
            aria-label={`${problemCount} problems: ${messages}`}
          >
            {problemCount} ⚠
          </span>
        )}
        {outcome && <span className={`badge outcome outcome-${outcome}`}>{outcome}</span>}
      </div>
      {typeof data.label === 'string' && data.label && <div className="wf-node-label">{data.label}</div>}
      <div className="wf-node-summary">{describeNode(kind, data)}</div>
      {kind === 'updateField' && data.operation === 'replaceWithOneOf' && (
        <RotationOnNode nodeId={id} field={data.field} />
      )}
      <div className="wf-node-id">{id}</div>
      {outputs.map((output, index) => (
        <Handle
          key={output.id ?? 'default'}
          type="source"
          position={Position.Bottom}
          id={output.id}
          className={output.tone ? `handle-${output.tone}` : undefined}
          style={outputs.length > 1 ? { left: `${((index + 1) * 100) / (outputs.length + 1)}%` } : undefined}
          title={output.label}
        >
          {output.label && <span className={`handle-label ${output.tone ?? ''}`}>{output.label}</span>}
        </Handle>
      ))}
    </div>
  );
}

/**
 * A saved rotation's figures on its node: who is next, how many were given, and the spread in a
 * mini bar. Only rotation nodes render this, and it is memoised on the node's id and field, so a
 * refetch renders this line alone and a drag does not render it at all. The query is the one the
 * settings use (same key, same interval), so both are served by one request.
 */
const RotationOnNode = memo(function RotationOnNode({ nodeId, field }: { nodeId: string; field: unknown }) {
  const workflowId = useEditor((state) => state.workflowId);
  const saved = useEditor((state) => savedInsightKinds(state.savedJson).get(nodeId) === 'rotation');
  if (!workflowId || !saved) return null;
  return <RotationFiguresOnNode workflowId={workflowId} nodeId={nodeId} field={field} />;
});

function RotationFiguresOnNode({
  workflowId,
  nodeId,
  field,
}: {
  workflowId: string;
  nodeId: string;
  field: unknown;
}) {
  const { figures } = useRotationFigures({ workflowId, nodeId, field });
  // Loading or refused: nothing on the canvas; the node's settings say why.
  if (!figures) return null;
  return (
    <div className="wf-node-rotation" data-testid={`rotation-${nodeId}`}>
      <div className="wf-node-next">{nodeRotationLine(figures, field)}</div>
      <RotationMiniBar figures={figures} />
    </div>
  );
}

const plain: SourceHandle[] = [{}];
const filterOutputs: SourceHandle[] = [
  { id: 'pass', label: 'pass', tone: 'pass' },
  { id: 'fail', label: 'fail', tone: 'fail' },
];
const replaceOutputs: SourceHandle[] = [{}, { id: 'none', label: 'none', tone: 'none' }];

/** The outputs of a node, in the order of its handles. */
export function outputsOf(type: NodeType, data: Record<string, unknown>): SourceHandle[] {
  switch (type) {
    case 'filter':
      return filterOutputs;
    case 'updateField':
      return data.operation === 'replaceWithOneOf' ? replaceOutputs : plain;
    case 'split':
      return (Array.isArray(data.branches) ? (data.branches as { id: string }[]) : []).map((branch) => ({
        id: branch.id,
        label: branch.id,
      }));
    default:
      return plain;
  }
}

const WorkflowNode = memo(function WorkflowNode(props: NodeProps<FlowNode>): ReactNode {
  return <NodeShell {...props} outputs={outputsOf(props.type as NodeType, props.data)} />;
});

export const nodeTypes: NodeTypes = Object.fromEntries(
  (['trigger', 'filter', 'updateField', 'addTag', 'removeTag', 'wait', 'split'] as const).map((type) => [
    type,
    WorkflowNode,
  ]),
);
