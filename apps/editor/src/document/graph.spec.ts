import { connectableTargets, connectionRefusal } from './graph';

describe(connectableTargets.name, () => {
  // start → a → b → c, a -pass→ d; e stands alone.
  const nodes = [
    { id: 'start', type: 'trigger' as const },
    { id: 'a', type: 'filter' as const },
    { id: 'b', type: 'addTag' as const },
    { id: 'c', type: 'wait' as const },
    { id: 'd', type: 'addTag' as const },
    { id: 'e', type: 'addTag' as const },
  ];
  const edges = [
    { source: 'start', target: 'a' },
    { source: 'a', target: 'b', sourceHandle: 'fail' },
    { source: 'b', target: 'c' },
    { source: 'a', target: 'd', sourceHandle: 'pass' },
  ];

  it.each([
    ['b', null],
    ['a', 'pass'],
    ['a', 'fail'],
    ['e', null],
    ['start', null],
  ])('offers from %s (%s) exactly the targets connectionRefusal allows', (source, handle) => {
    const allowed = nodes
      .filter(
        (node) => connectionRefusal(nodes, edges, { source, target: node.id, sourceHandle: handle }) === null,
      )
      .map((node) => node.id);
    expect(connectableTargets(nodes, edges, source, handle).map((node) => node.id)).toEqual(allowed);
  });
});
