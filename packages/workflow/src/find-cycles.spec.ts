import { findCycles } from './find-cycles';

const graph = (edges: string) => {
  const next = new Map<string, string[]>();
  for (const pair of edges.split(' ').filter(Boolean)) {
    const [from, to] = pair.split('>');
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  return next;
};

describe(findCycles.name, () => {
  it('finds none in a graph without loops', () => {
    expect(findCycles(['a', 'b', 'c', 'd'], graph('a>b a>c b>d c>d'))).toEqual([]);
  });

  it('names a cycle from its earliest node', () => {
    expect(findCycles(['t', 'a', 'b', 'c'], graph('t>a a>b b>c c>a'))).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('finds a node pointing at itself', () => {
    expect(findCycles(['t', 'w'], graph('t>w w>w'))).toEqual([['w', 'w']]);
  });

  it('reports each looping part once, in node order', () => {
    const cycles = findCycles(['t', 'x', 'y', 'p', 'q', 'r'], graph('t>x x>y y>x t>p p>q q>r r>p q>p'));
    expect(cycles).toEqual([
      ['x', 'y', 'x'],
      ['p', 'q', 'p'],
    ]);
  });

  it('ignores edges to unknown ids', () => {
    expect(findCycles(['a'], graph('a>ghost ghost>a'))).toEqual([]);
  });

  it('handles a chain of 10,000 nodes without recursion', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `n${i}`);
    const next = new Map(ids.map((id, i) => [id, i + 1 < ids.length ? [ids[i + 1]] : [ids[0]]]));
    const [cycle] = findCycles(ids, next);
    expect(cycle).toHaveLength(10_001);
    expect(cycle[0]).toBe('n0');
  });
});
