import {
  Background,
  Controls,
  ControlButton,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type IsValidConnection,
} from '@xyflow/react';
import type { NodeType } from '@leadflow/workflow';
import { useCallback, useMemo, useState, type DragEvent, type RefObject } from 'react';
import { connectionRefusal } from '../document/graph';
import { useEditor } from '../state/store';
import { nodeTypes } from './nodes';
import { PALETTE_MIME } from './palette';
import { FIT_VIEW_OPTIONS } from './use-canvas-view';

const MINIMAP_COLORS: Record<NodeType, string> = {
  trigger: '#6b4fd8',
  filter: '#d08a00',
  updateField: '#2f6fde',
  addTag: '#0f8b8d',
  removeTag: '#0f8b8d',
  wait: '#8a96a3',
  split: '#c2417a',
};

// Constant props for React Flow: new arrays or functions on every render make it redo work.
const DELETE_KEYS = ['Backspace', 'Delete'];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_STYLE = { width: 132, height: 88 };
const minimapColor = (node: { type?: string }) => MINIMAP_COLORS[node.type as NodeType] ?? '#8a96a3';

const isValidConnection: IsValidConnection = (connection) => {
  const { nodes, edges } = useEditor.getState();
  return connectionRefusal(nodes, edges, connection as Connection) === null;
};

/**
 * The workflow on React Flow's canvas: nodes from the palette dropped onto it, edges drawn between
 * handles (a refused one says why through `onNotice`), the overview (minimap) and zoom buttons.
 * `onAdded` is called when a node was dropped in, `canvasRef` gets the canvas's element.
 */
export function WorkflowCanvas({
  canvasRef,
  onAdded,
  onNotice,
}: {
  canvasRef: RefObject<HTMLDivElement | null>;
  onAdded: () => void;
  onNotice: (notice: string) => void;
}) {
  const flow = useReactFlow();
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const highlight = useEditor((state) => state.highlight);
  const actions = useEditor.getState();
  const [overview, setOverview] = useState(true);

  /** A connection dropped where it was refused: say why. Dropped on a node's body: connect to it if allowed. */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
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
      if (refusal) onNotice(`Not connected: ${refusal}`);
      else if (outgoing && !state.toHandle) useEditor.getState().connect(connection);
    },
    [onNotice],
  );

  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(PALETTE_MIME) as NodeType;
    if (!type) return;
    event.preventDefault();
    const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    actions.addNode(type, { x: at.x - 110, y: at.y - 20 });
    onAdded();
  };

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

  return (
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
  );
}
