import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Connections } from './connections';
import { useEditor } from '../state/store';

describe('Connections', () => {
  beforeEach(() =>
    useEditor.getState().load({
      id: 'wf',
      version: 1,
      active: false,
      definition: {
        format: 'leadflow.workflow/v1',
        name: 'Keyboard',
        nodes: [
          { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
          { id: 'check', type: 'filter', position: { x: 0, y: 150 }, data: { condition: true } },
          { id: 'hot', type: 'addTag', position: { x: 0, y: 300 }, data: { tag: 'hot' } },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'check' }],
      },
    }),
  );

  const filter = () => useEditor.getState().nodes.find((node) => node.id === 'check')!;

  it('connects an output from the keyboard and offers only edges that may be drawn', async () => {
    render(<Connections node={filter()} />);
    const pass = screen.getByLabelText('Connect pass to');
    expect(within(pass).queryByText(/Trigger start/)).toBeNull();
    await userEvent.selectOptions(pass, 'hot');
    expect(useEditor.getState().edges.at(-1)).toMatchObject({
      source: 'check',
      sourceHandle: 'pass',
      target: 'hot',
    });
  });

  it('removes an edge, as one undoable step', async () => {
    render(<Connections node={useEditor.getState().nodes[0]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove the edge from next to check' }));
    expect(useEditor.getState().edges).toEqual([]);
    act(() => useEditor.getState().undo());
    expect(useEditor.getState().edges).toHaveLength(1);
  });
});
