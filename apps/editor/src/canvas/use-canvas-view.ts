import { useReactFlow } from '@xyflow/react';
import type { NodeType } from '@leadflow/workflow';
import { useCallback, useMemo, useRef, type RefObject } from 'react';
import { NODE_HEIGHT, NODE_WIDTH, spotInView } from '../document/graph';
import { useEditor } from '../state/store';

// The overview (minimap, bottom right) and the zoom buttons (bottom left) sit over the canvas:
// fitting leaves the band below free, so they never cover a node or its handles.
/** How the canvas fits the workflow into view: at most 120 %, the overview's band left free. */
export const FIT_VIEW_OPTIONS = {
  maxZoom: 1.2,
  padding: { top: '24px', left: '24px', right: '24px', bottom: '130px' },
} as const;

/**
 * What the toolbar, the palette and the problems list do to the view of the canvas (`canvasRef`):
 * add a node where the user looks, arrange the nodes, fit the view, centre on a node.
 */
export function useCanvasView(canvasRef: RefObject<HTMLDivElement | null>) {
  const flow = useReactFlow();
  const added = useRef(0);
  const fitOptions = useMemo(() => ({ ...FIT_VIEW_OPTIONS, duration: 300 }), []);

  /** The part of the canvas the user sees, in flow coordinates, less the overview's corner band. */
  const visibleArea = () => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    const from = flow.screenToFlowPosition({ x: box.left, y: box.top });
    const to = flow.screenToFlowPosition({ x: box.right, y: box.bottom - 130 });
    return { x: from.x, y: from.y, width: to.x - from.x, height: Math.max(0, to.y - from.y) };
  };

  /** Adds a node of `type` in a free spot of the view. */
  const addAtCenter = (type: NodeType) => {
    const area = visibleArea();
    const spot = area
      ? spotInView(useEditor.getState().nodes, area, added.current)
      : { x: 0, y: 0, pan: false };
    added.current += 1;
    useEditor.getState().addNode(type, { x: spot.x, y: spot.y });
    // No room left in view: the view moves to the new node rather than the node landing on another.
    if (spot.pan && area)
      // Centred in the part of the canvas above the overview's band (130 px high on screen).
      void flow.setCenter(spot.x + NODE_WIDTH / 2, spot.y + NODE_HEIGHT / 2 + 65 / flow.getZoom(), {
        zoom: flow.getZoom(),
        duration: 200,
      });
  };

  const autoLayout = () => {
    useEditor.getState().autoLayout();
    // Fit once React Flow has the new positions (the next frame).
    window.requestAnimationFrame(() => void flow.fitView(fitOptions));
  };

  const fitView = () => void flow.fitView(fitOptions);

  /** Selects node `nodeId` alone and centres the view on it. */
  const focusNode = useCallback(
    (nodeId: string) => {
      useEditor.getState().selectOnly(nodeId);
      const node = useEditor.getState().nodes.find((candidate) => candidate.id === nodeId);
      if (node)
        void flow.setCenter(node.position.x + 110, node.position.y + 40, { zoom: 1.2, duration: 300 });
    },
    [flow],
  );

  return { addAtCenter, autoLayout, fitView, focusNode };
}
