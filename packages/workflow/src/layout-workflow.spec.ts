import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYER_GAP, layoutWorkflow, SIBLING_GAP } from './layout-workflow';

interface Node {
  id: string;
  type: string;
  position?: { x: number; y: number };
}
const examples = join(__dirname, '../../../examples');
const example = (name: string) =>
  JSON.parse(readFileSync(join(examples, `${name}.workflow.json`), 'utf8')) as {
    nodes: Node[];
    edges: Array<{ source: string; target: string }>;
  };
const withoutPositions = <W extends { nodes: Node[] }>(workflow: W): W => ({
  ...workflow,
  nodes: workflow.nodes.map(({ position: _position, ...node }) => node),
});
const positions = (workflow: { nodes: Node[] }) =>
  Object.fromEntries(workflow.nodes.map((n) => [n.id, n.position]));

describe(layoutWorkflow.name, () => {
  it.each([
    'by-location',
    'deal-value',
    'lead-score',
    'reassign-untouched',
    'round-robin',
    'product-interest',
  ])('lays out %s as its authors did', (name) => {
    const original = example(name);
    expect(positions(layoutWorkflow(withoutPositions(original)))).toEqual(positions(original));
  });

  it('keeps the positions that are given and places the others clear of them', () => {
    const workflow = {
      nodes: [
        { id: 'start', type: 'trigger', position: { x: 0, y: 0 } },
        { id: 'a', type: 'addTag', position: { x: 0, y: 150 } },
        { id: 'b', type: 'addTag' },
      ],
      edges: [
        { source: 'start', target: 'a' },
        { source: 'start', target: 'b' },
      ],
    };
    const laidOut = layoutWorkflow(workflow);
    expect(laidOut.nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(laidOut.nodes[1].position).toEqual({ x: 0, y: 150 });
    expect(laidOut.nodes[2].position).toEqual({ x: SIBLING_GAP, y: LAYER_GAP });
  });

  it('puts a node below the lowest node leading to it', () => {
    const laidOut = layoutWorkflow({
      nodes: [
        { id: 't', type: 'trigger' },
        { id: 'a', type: 'filter' },
        { id: 'b', type: 'wait' },
        { id: 'join', type: 'addTag' },
      ],
      edges: [
        { source: 't', target: 'a' },
        { source: 'a', target: 'b' },
        { source: 'b', target: 'join' },
        { source: 't', target: 'join' },
      ],
    });
    expect(positions(laidOut)).toEqual({
      t: { x: 0, y: 0 },
      a: { x: 0, y: 150 },
      b: { x: 0, y: 300 },
      join: { x: 0, y: 450 },
    });
  });

  it('lays out drafts too: cycles, unreachable nodes, dangling edges', () => {
    const laidOut = layoutWorkflow({
      nodes: [
        { id: 'x', type: 'addTag' },
        { id: 'y', type: 'addTag' },
        { id: 't', type: 'trigger' },
        { id: 'loop', type: 'wait' },
      ],
      edges: [
        { source: 'x', target: 'y' },
        { source: 'y', target: 'x' },
        { source: 'loop', target: 'loop' },
        { source: 't', target: 'nowhere' },
      ],
    });
    const seen = new Set(laidOut.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(seen.size).toBe(4);
    expect(laidOut.nodes.find((n) => n.id === 't')?.position).toEqual({ x: 0, y: 0 });
  });

  it('is deterministic and quick on 500 nodes and 2,000 edges', () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? 'trigger' : 'addTag',
    }));
    const edges = Array.from({ length: 2000 }, (_, i) => ({
      source: `n${(i * 7) % 499}`,
      target: `n${((i * 7) % 499) + 1 + (i % 3)}`,
    })).filter((e) => e.target !== 'n500');
    const started = performance.now();
    const first = layoutWorkflow({ nodes, edges });
    expect(performance.now() - started).toBeLessThan(500);
    expect(layoutWorkflow({ nodes, edges })).toEqual(first);
    expect(new Set(first.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(500);
  });

  it("puts a filter's pass follower left of its fail follower, whichever edge was drawn first", () => {
    const laidOut = layoutWorkflow({
      nodes: [
        { id: 't', type: 'trigger' },
        { id: 'f', type: 'filter' },
        { id: 'no', type: 'addTag' },
        { id: 'yes', type: 'addTag' },
        { id: 'yesNext', type: 'wait' },
        { id: 'noNext', type: 'wait' },
      ],
      edges: [
        { source: 't', target: 'f' },
        { source: 'f', target: 'no', sourceHandle: 'fail' },
        { source: 'f', target: 'yes', sourceHandle: 'pass' },
        { source: 'no', target: 'noNext' },
        { source: 'yes', target: 'yesNext' },
      ],
    });
    const at = positions(laidOut);
    expect(at.yes!.x).toBeLessThan(at.no!.x);
    expect(at.yesNext!.x).toBeLessThan(at.noNext!.x);
  });

  it("orders a split's followers as its branches", () => {
    const laidOut = layoutWorkflow({
      nodes: [
        { id: 't', type: 'trigger' },
        { id: 's', type: 'split', data: { branches: [{ id: 'A' }, { id: 'B' }, { id: 'C' }] } },
        { id: 'c', type: 'addTag' },
        { id: 'a', type: 'addTag' },
        { id: 'b', type: 'addTag' },
      ],
      edges: [
        { source: 't', target: 's' },
        { source: 's', target: 'c', sourceHandle: 'C' },
        { source: 's', target: 'b', sourceHandle: 'B' },
        { source: 's', target: 'a', sourceHandle: 'A' },
      ],
    });
    const at = positions(laidOut);
    expect([at.a!.x, at.b!.x, at.c!.x]).toEqual([0, SIBLING_GAP, 2 * SIBLING_GAP]);
  });

  it('places every node with `all`, with the gaps asked for', () => {
    const laidOut = layoutWorkflow(
      {
        nodes: [
          { id: 't', type: 'trigger', position: { x: 500, y: 500 } },
          { id: 'a', type: 'addTag', position: { x: 500, y: 500 } },
          { id: 'b', type: 'addTag', position: { x: -90, y: 7 } },
        ],
        edges: [
          { source: 't', target: 'a' },
          { source: 't', target: 'b' },
        ],
      },
      { all: true, layerGap: 200, siblingGap: 300 },
    );
    expect(positions(laidOut)).toEqual({ t: { x: 0, y: 0 }, a: { x: 0, y: 200 }, b: { x: 300, y: 200 } });
  });

  it('returns a workflow that needs nothing as it is', () => {
    const original = example('round-robin');
    expect(layoutWorkflow(original)).toBe(original);
  });
});
