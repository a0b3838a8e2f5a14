import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Connections } from './connections';
import { NODE_HEIGHT, NODE_WIDTH, spotInView, type FlowNode } from '../document/graph';
import { useEditor } from '../state/store';

const load = (nodes: object[], edges: object[] = []) =>
  useEditor.getState().load({
    id: 'wf',
    version: 1,
    active: false,
    definition: { format: 'leadflow.workflow/v1', name: 'Editing', nodes, edges } as never,
  });

describe(spotInView.name, () => {
  const view = { x: 1000, y: 2000, width: 800, height: 500 };
  const inside = (spot: { x: number; y: number }) =>
    spot.x >= view.x &&
    spot.y >= view.y &&
    spot.x + NODE_WIDTH <= view.x + view.width &&
    spot.y + NODE_HEIGHT <= view.y + view.height;

  it('places repeated adds inside the view, none on another', () => {
    const nodes: Pick<FlowNode, 'position'>[] = [{ position: { x: 1290, y: 2210 } }];
    for (let i = 0; i < 5; i += 1) {
      const spot = spotInView(nodes, view, i);
      expect(inside(spot)).toBe(true);
      for (const node of nodes)
        expect(
          Math.abs(node.position.x - spot.x) >= NODE_WIDTH ||
            Math.abs(node.position.y - spot.y) >= NODE_HEIGHT,
        ).toBe(true);
      nodes.push({ position: spot });
    }
  });

  it('moves to the nearest free place out of view when the view is full, and says to pan there', () => {
    const tiny = { x: 0, y: 0, width: 230, height: 90 };
    const spot = spotInView([{ position: { x: 5, y: 5 } }], tiny, 0);
    expect(spot.pan).toBe(true);
    expect(Math.abs(spot.x - 5) >= NODE_WIDTH || Math.abs(spot.y - 5) >= NODE_HEIGHT).toBe(true);
  });
});

describe('editing history', () => {
  it('keeps the edited node selected through undo, so its form stays open', () => {
    load([
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
      { id: 'tag', type: 'addTag', position: { x: 0, y: 150 }, data: { tag: 'hot' } },
    ]);
    useEditor.getState().selectOnly('tag');
    useEditor.getState().updateNodeData('tag', { tag: 'hot', label: 'Mark' }, 'label');
    useEditor.getState().undo();
    const tag = useEditor.getState().nodes.find((node) => node.id === 'tag')!;
    expect(tag.data).toEqual({ tag: 'hot' });
    expect(tag.selected).toBe(true);
  });

  it('lays out pass to the left of fail, whichever was connected first', () => {
    load([
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
      { id: 'check', type: 'filter', position: { x: 0, y: 0 }, data: { condition: true } },
      { id: 'no', type: 'addTag', position: { x: 0, y: 0 }, data: { tag: 'cold' } },
      { id: 'yes', type: 'addTag', position: { x: 0, y: 0 }, data: { tag: 'hot' } },
    ]);
    const { connect } = useEditor.getState();
    connect({ source: 'start', sourceHandle: null, target: 'check', targetHandle: null });
    connect({ source: 'check', sourceHandle: 'fail', target: 'no', targetHandle: null });
    connect({ source: 'check', sourceHandle: 'pass', target: 'yes', targetHandle: null });
    useEditor.getState().autoLayout();
    const at = (id: string) => useEditor.getState().nodes.find((node) => node.id === id)!.position;
    expect(at('yes').x).toBeLessThan(at('no').x);
    expect(at('yes').y).toBe(at('no').y);
    expect(at('check').y).toBeGreaterThan(at('start').y);
  });
});

describe('Connections focus', () => {
  it('keeps the "Leads to" select usable (and focusable) once its last candidate is connected', async () => {
    load([
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
      { id: 'tag', type: 'addTag', position: { x: 0, y: 150 }, data: { tag: 'hot' } },
    ]);
    const { rerender } = render(<Connections node={useEditor.getState().nodes[0]} />);
    const select = screen.getByLabelText('Connect next to');
    select.focus();
    await userEvent.selectOptions(select, 'tag');
    rerender(<Connections node={useEditor.getState().nodes[0]} />);
    expect(useEditor.getState().edges).toHaveLength(1);
    expect(screen.getByLabelText('Connect next to')).not.toBeDisabled();
    expect(screen.getByLabelText('Connect next to')).toHaveFocus();
  });
});
