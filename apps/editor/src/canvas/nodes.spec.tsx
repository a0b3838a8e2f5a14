import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import type { WorkflowFile } from '@leadflow/workflow';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { act } from 'react';
import { testManager } from '../../test/fixtures';
import { api, type RotationInsight } from '../api/client';
import { INSIGHT_REFRESH_MS } from '../api/queries';
import { describeNode } from '../document/describe';
import type { FlowNode } from '../document/graph';
import { NodeInsight } from '../insight/insight';
import { nodeTypes } from './nodes';
import { useEditor } from '../state/store';

// Counted: every render of a node's shell describes it once.
jest.mock('../document/describe', () => {
  const actual = jest.requireActual<typeof import('../document/describe')>('../document/describe');
  return { ...actual, describeNode: jest.fn(actual.describeNode) };
});

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

describe('a rotation on its canvas node', () => {
  const saved: WorkflowFile = {
    format: 'leadflow.workflow/v1',
    name: 'Rotation',
    nodes: [
      { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
      {
        id: 'assign',
        type: 'updateField',
        position: { x: 0, y: 150 },
        data: {
          field: 'manager',
          operation: 'replaceWithOneOf',
          values: ['ada@example.com', 'bo@example.com'],
        },
      },
      {
        id: 'stage',
        type: 'updateField',
        position: { x: 300, y: 150 },
        data: { field: 'status', operation: 'set', value: 'New' },
      },
      { id: 'tag', type: 'addTag', position: { x: 0, y: 300 }, data: { tag: 'routed' } },
    ],
    edges: [],
  };
  const figures: RotationInsight = {
    values: [
      { value: 'ada@example.com', given: 1000, givenLast7Days: 20, lastGivenAt: null, onList: true },
      { value: 'bo@example.com', given: 204, givenLast7Days: 10, lastGivenAt: null, onList: true },
    ],
    next: 'bo@example.com',
  };
  let rotation: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    rotation = jest.spyOn(api, 'rotation').mockResolvedValue(figures);
    jest
      .spyOn(api, 'managers')
      .mockResolvedValue([
        testManager('Ada Lovelace', 'ada@example.com'),
        testManager('Bo Chen', 'bo@example.com'),
      ]);
    useEditor.getState().load({ id: 'wf1', version: 1, active: true, definition: saved });
  });
  afterEach(() => {
    // Unmount first: resetting the store under mounted nodes would render them outside act().
    cleanup();
    jest.useRealTimers();
    jest.restoreAllMocks();
    useEditor.setState({ workflowId: null, savedJson: '' });
  });

  const renderEditor = (withSettingsOf?: string) => {
    const { nodes } = useEditor.getState();
    const selected = nodes.find((node) => node.id === withSettingsOf);
    return render(
      <QueryClientProvider client={new QueryClient()}>
        <ReactFlowProvider>
          <div style={{ width: 800, height: 600 }}>
            <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} />
          </div>
        </ReactFlowProvider>
        {selected && <NodeInsight workflowId="wf1" node={selected} />}
      </QueryClientProvider>,
    );
  };

  it('shows who is next, how many were given and their spread, asking only for the rotation', async () => {
    renderEditor();
    const node = screen.getByTestId('node-assign');
    expect(await within(node).findByText(`next: Bo · ${(1204).toLocaleString()} given`)).toBeInTheDocument();
    expect(
      within(node).getByRole('img', { name: /^Given: Ada Lovelace 1,?000 \(83%\), Bo Chen 204 \(17%\)$/ }),
    ).toBeInTheDocument();
    expect(rotation).toHaveBeenCalledTimes(1);
    expect(rotation).toHaveBeenCalledWith('wf1', 'assign');
    expect(screen.getByTestId('node-stage').querySelector('.wf-node-rotation')).toBeNull();
  });

  it('shares one request, refreshed on one interval, with the settings, and renders only its line anew', async () => {
    renderEditor('assign');
    await screen.findByText(`next: Bo · ${(1204).toLocaleString()} given`);
    expect(await screen.findByText('Next in line: Bo Chen')).toBeInTheDocument();
    expect(rotation).toHaveBeenCalledTimes(1);
    const shellRenders = jest.mocked(describeNode).mock.calls.length;
    expect(shellRenders).toBeGreaterThan(0);
    rotation.mockResolvedValue({ ...figures, next: 'ada@example.com' });
    await act(() => jest.advanceTimersByTimeAsync(INSIGHT_REFRESH_MS));
    expect(rotation).toHaveBeenCalledTimes(2);
    expect(screen.getByText(`next: Ada · ${(1204).toLocaleString()} given`)).toBeInTheDocument();
    expect(screen.getByText('Next in line: Ada Lovelace')).toBeInTheDocument();
    // New figures render the rotation's line, not the nodes around it.
    expect(jest.mocked(describeNode).mock.calls.length).toBe(shellRenders);
    await act(() => jest.advanceTimersByTimeAsync(INSIGHT_REFRESH_MS * 2));
    expect(rotation).toHaveBeenCalledTimes(4);
  });

  it('asks nothing for a rotation not saved as one yet', async () => {
    act(() =>
      useEditor
        .getState()
        .updateNodeData('stage', { field: 'status', operation: 'replaceWithOneOf', values: ['New', 'Won'] }),
    );
    renderEditor('stage');
    await screen.findByText(`next: Bo · ${(1204).toLocaleString()} given`);
    expect(screen.getByText('Save to see what this node has done.')).toBeInTheDocument();
    expect(screen.getByTestId('node-stage').querySelector('.wf-node-rotation')).toBeNull();
    expect(rotation.mock.calls).toEqual([['wf1', 'assign']]);
  });
});
