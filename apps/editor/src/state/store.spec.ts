import type { WorkflowFile } from '@leadflow/workflow';
import { fileFromDoc, freeSpot } from '../document/graph';
import { fileJson, isDirty, useEditor } from './store';

const file: WorkflowFile = {
  format: 'leadflow.workflow/v1',
  name: 'Round robin',
  nodes: [
    { id: 'start', type: 'trigger', position: { x: 0, y: 0 }, data: { event: 'lead.created' } },
    { id: 'check', type: 'filter', position: { x: 0, y: 150 }, data: { condition: true } },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'check' }],
};

const editor = () => useEditor.getState();
const dirty = () => isDirty(editor());

describe('editor store', () => {
  beforeEach(() => editor().load({ id: 'wf1', version: 3, active: false, definition: file }));

  it('loads a file and writes the same file back', () => {
    expect(fileFromDoc(editor())).toEqual(file);
    expect(dirty()).toBe(false);
  });

  it('places nodes a file leaves without a position, as the importer does', () => {
    const bare = {
      ...file,
      nodes: file.nodes.map(({ position: _position, ...node }) => node),
    } as WorkflowFile;
    editor().load({ id: 'wf2', version: 1, active: false, definition: bare });
    expect(editor().nodes.map((node) => node.position)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 150 },
    ]);
  });

  it('undoes and redoes every kind of change', () => {
    const id = editor().addNode('wait', { x: 10, y: 300 });
    editor().connect({ source: 'check', sourceHandle: 'pass', target: id, targetHandle: null });
    editor().updateNodeData(id, { duration: 'PT2H' });
    editor().setName('Renamed');
    expect(editor().past).toHaveLength(4);

    editor().undo();
    expect(editor().name).toBe('Round robin');
    editor().undo();
    expect(editor().nodes.find((node) => node.id === id)?.data).toEqual({ duration: 'PT1H' });
    editor().undo();
    expect(editor().edges).toHaveLength(1);
    editor().undo();
    expect(editor().nodes.map((node) => node.id)).toEqual(['start', 'check']);
    expect(dirty()).toBe(false);

    editor().redo();
    editor().redo();
    editor().redo();
    editor().redo();
    expect(editor().name).toBe('Renamed');
    expect(editor().edges.at(-1)).toMatchObject({ source: 'check', sourceHandle: 'pass', target: id });
    expect(dirty()).toBe(true);
  });

  it('makes one step of typing in one input, and a new step for another input', () => {
    for (const name of ['R', 'Ro', 'Rou']) editor().setName(name);
    editor().updateNodeData('check', { condition: false, label: 'x' }, 'label');
    editor().updateNodeData('check', { condition: false, label: 'xy' }, 'label');
    expect(editor().past).toHaveLength(2);
    editor().undo();
    editor().undo();
    expect(editor().name).toBe('Round robin');
  });

  it('makes one step of a whole drag', () => {
    editor().onNodesChange([{ id: 'check', type: 'position', position: { x: 5, y: 150 }, dragging: true }]);
    editor().onNodesChange([{ id: 'check', type: 'position', position: { x: 50, y: 160 }, dragging: true }]);
    editor().onNodesChange([{ id: 'check', type: 'position', dragging: false }]);
    expect(editor().past).toHaveLength(1);
    editor().undo();
    expect(editor().nodes[1].position).toEqual({ x: 0, y: 150 });
  });

  it('records a move by arrow key, but not a click that moved nothing', () => {
    editor().onNodesChange([{ id: 'check', type: 'position', position: { x: 0, y: 150 }, dragging: false }]);
    expect(editor().past).toHaveLength(0);
    editor().onNodesChange([{ id: 'check', type: 'position', position: { x: 5, y: 150 }, dragging: false }]);
    expect(editor().past).toHaveLength(1);
  });

  it('does not record selection as a change', () => {
    editor().onNodesChange([{ id: 'check', type: 'select', selected: true }]);
    expect(editor().past).toHaveLength(0);
    expect(dirty()).toBe(false);
  });

  it('drops new changes to redo after an undo and a new edit', () => {
    editor().setName('A');
    editor().undo();
    editor().addNode('addTag', { x: 0, y: 0 });
    expect(editor().future).toHaveLength(0);
  });

  it('refuses edges into the trigger and edges that close a cycle', () => {
    editor().connect({ source: 'check', sourceHandle: 'pass', target: 'start', targetHandle: null });
    const wait = editor().addNode('wait', { x: 0, y: 300 });
    editor().connect({ source: 'check', sourceHandle: 'pass', target: wait, targetHandle: null });
    editor().connect({ source: wait, sourceHandle: null, target: 'check', targetHandle: null });
    expect(editor().edges.map((edge) => `${edge.source}->${edge.target}`)).toEqual([
      'start->check',
      `check->${wait}`,
    ]);
  });

  it('pastes copies with fresh ids, keeping the edges between them', () => {
    editor().onNodesChange([
      { id: 'start', type: 'select', selected: true },
      { id: 'check', type: 'select', selected: true },
    ]);
    editor().copySelection();
    editor().paste();
    const ids = editor().nodes.map((node) => node.id);
    expect(ids).toEqual(['start', 'check', 'trigger-1', 'filter-1']);
    expect(editor().edges.at(-1)).toMatchObject({ source: 'trigger-1', target: 'filter-1' });
    expect(editor().nodes[2].position).toEqual({ x: 40, y: 40 });
    editor().undo();
    expect(editor().nodes).toHaveLength(2);
  });

  it('deletes a node with its edges as one step', () => {
    editor().onNodesChange([{ id: 'check', type: 'remove' }]);
    editor().onEdgesChange([{ id: 'e1', type: 'remove' }]);
    expect(editor().nodes).toHaveLength(1);
    editor().undo();
    expect(editor().nodes).toHaveLength(2);
    expect(editor().edges).toHaveLength(1);
  });

  it('is clean again after saving', () => {
    editor().setName('Saved name');
    editor().markSaved({ version: 4, active: false, savedJson: fileJson(editor()) });
    expect(dirty()).toBe(false);
    expect(editor().version).toBe(4);
  });
});

describe(freeSpot.name, () => {
  it('moves a new node below the nodes it would cover', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: 0, y: 120 } }];
    expect(freeSpot(nodes, { x: 10, y: 10 })).toEqual({ x: 10, y: 250 });
    expect(freeSpot(nodes, { x: 400, y: 10 })).toEqual({ x: 400, y: 10 });
  });
});
