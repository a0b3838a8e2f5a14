import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { render, screen, within } from '@testing-library/react';
import { act } from 'react';
import type { FlowNode } from './graph';
import { nodeTypes } from './nodes';
import { useEditor } from './store';

const nodes: FlowNode[] = [
  { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
  {
    id: 'check',
    type: 'filter',
    position: { x: 0, y: 150 },
    data: { condition: true, label: 'Medicine only' },
  },
  {
    id: 'assign',
    type: 'updateField',
    position: { x: 0, y: 300 },
    data: { field: 'manager', operation: 'replaceWithOneOf', values: ['ada@example.com'] },
  },
  {
    id: 'ab',
    type: 'split',
    position: { x: 300, y: 300 },
    data: {
      branches: [
        { id: 'A', percent: 30 },
        { id: 'B', percent: 70 },
      ],
    },
  },
];

const renderCanvas = () =>
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} />
      </div>
    </ReactFlowProvider>,
  );

describe('canvas nodes', () => {
  beforeEach(() => {
    useEditor.getState().setProblems([]);
    useEditor.getState().setHighlight(null);
  });

  it('renders each type with its outputs: pass/fail, none, one per branch', () => {
    renderCanvas();
    const filter = screen.getByTestId('node-check');
    expect(filter).toHaveTextContent('Medicine only');
    expect(within(filter).getByText('pass')).toBeInTheDocument();
    expect(within(filter).getByText('fail')).toBeInTheDocument();
    expect(within(screen.getByTestId('node-assign')).getByText('none')).toBeInTheDocument();
    expect(screen.getByTestId('node-assign')).toHaveTextContent('manager ← one of 1 (roundRobin)');
    const split = screen.getByTestId('node-ab');
    expect(within(split).getByText('A')).toBeInTheDocument();
    expect(within(split).getByText('B')).toBeInTheDocument();
    expect(screen.getByTestId('node-start')).toHaveTextContent('When a lead is created');
  });

  it('shows the problems of a node and the outcome of a highlighted run', () => {
    renderCanvas();
    act(() => {
      useEditor
        .getState()
        .setProblems([{ nodeId: 'assign', message: 'ada@example.com is not a manager here' }]);
      useEditor.getState().setHighlight({ start: 'matched', check: 'pass' });
    });
    expect(screen.getByTestId('node-assign')).toHaveClass('has-problems');
    expect(screen.getByLabelText(/1 problems: ada@example.com is not a manager here/)).toBeInTheDocument();
    expect(
      within(screen.getByTestId('node-check')).getByText('pass', { selector: '.badge' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('node-ab')).toHaveClass('dimmed');
  });
});
