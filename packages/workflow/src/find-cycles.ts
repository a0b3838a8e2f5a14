/**
 * One cycle per strongly connected part of a directed graph that loops (Tarjan's algorithm,
 * without recursion): each as the ids along it, starting and ending with its earliest node in
 * `ids` order, e.g. `['a', 'b', 'a']`.
 */
export function findCycles(ids: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = new Map(ids.map((id, index) => [id, index]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; edge: number }> = [{ id: root, edge: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root) as number);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = next.get(frame.id) ?? [];
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++];
        if (!order.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, index.size);
          low.set(target, index.get(target) as number);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const loops = component.length > 1 || (next.get(frame.id) ?? []).includes(frame.id);
      if (loops) components.push(component);
    }
  }

  return components
    .map((component) => cycleThrough(component, next, order))
    .sort((a, b) => (order.get(a[0]) as number) - (order.get(b[0]) as number));
}

// The ids from `start` (left out) to `end`, following the breadth-first trail back.
const pathTo = (end: string, start: string, cameFrom: Map<string, string>) => {
  const path: string[] = [];
  for (let at: string | undefined = end; at !== undefined && at !== start; at = cameFrom.get(at))
    path.push(at);
  return path.reverse();
};

// The shortest way from the component's earliest node back to itself, inside the component.
const cycleThrough = (
  component: string[],
  next: ReadonlyMap<string, readonly string[]>,
  order: Map<string, number>,
) => {
  const members = new Set(component);
  const start = component.reduce((a, b) => ((order.get(a) as number) <= (order.get(b) as number) ? a : b));
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i];
    for (const target of next.get(at) ?? []) {
      if (target === start) return [start, ...pathTo(at, start, cameFrom), start];
      if (members.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, at);
        queue.push(target);
      }
    }
  }
  return [start, start];
};
