import { findIncompleteRules } from './condition-rules';
import { findCycles } from './find-cycles';
import { childPath, type Problem } from './problem';
import { MAX_VALUES, type Workflow } from './schema';

/** A reason a workflow cannot be activated, naming its node (`nodeId`) where there is one. */
export type ActivationProblem = Problem;

const arrow = (ids: string[]) => ids.map((id) => JSON.stringify(id)).join(' → ');

/**
 * What keeps a valid workflow from being activated (workflow-format.md, Graph rules): exactly
 * one trigger, no edge into it, no cycle (one problem per loop, naming a node on it), every
 * node reachable from the trigger (one problem per node that is not), 1–1,000 values in each
 * `replaceWithOneOf`, and no unfinished builder rule in a filter's or an eligibility condition
 * (`findIncompleteRules`: a rule without its value, an empty group). Linear in nodes, edges and
 * the size of the conditions.
 */
export function checkActivation(workflow: Pick<Workflow, 'nodes' | 'edges'>): ActivationProblem[] {
  const problems: ActivationProblem[] = [];
  const { nodes, edges } = workflow;
  const indexOf = new Map(nodes.map((node, index) => [node.id, index]));
  const nodePath = (id: string) => childPath('nodes', indexOf.get(id) as number);
  const next = new Map<string, string[]>();
  for (const { source, target } of edges) {
    const targets = next.get(source);
    if (targets) targets.push(target);
    else next.set(source, [target]);
  }

  const triggers = nodes.filter((node) => node.type === 'trigger');
  if (triggers.length === 0) {
    problems.push({
      code: 'no_trigger',
      path: 'nodes',
      message: 'has no trigger: a workflow needs exactly one to be activated',
    });
  }
  for (const extra of triggers.slice(1)) {
    problems.push({
      code: 'extra_trigger',
      path: nodePath(extra.id),
      nodeId: extra.id,
      message: `"${extra.id}" is a second trigger: a workflow has exactly one ("${triggers[0].id}")`,
    });
  }
  const triggerIds = new Set(triggers.map((trigger) => trigger.id));
  edges.forEach((edge, index) => {
    if (!triggerIds.has(edge.target)) return;
    problems.push({
      code: 'edge_into_trigger',
      path: childPath(childPath('edges', index), 'target'),
      nodeId: edge.target,
      message: `the edge "${edge.id}" leads into the trigger "${edge.target}": nothing may lead into a trigger`,
    });
  });

  for (const cycle of findCycles(
    nodes.map((node) => node.id),
    next,
  )) {
    problems.push({
      code: 'cycle',
      path: nodePath(cycle[0]),
      nodeId: cycle[0],
      message: `${arrow(cycle)} is a cycle: a workflow may not loop back to a node`,
    });
  }

  if (triggers.length > 0) {
    const reached = new Set(triggerIds);
    const queue = [...triggerIds];
    for (let i = 0; i < queue.length; i++) {
      for (const target of next.get(queue[i]) ?? []) {
        if (reached.has(target)) continue;
        reached.add(target);
        queue.push(target);
      }
    }
    for (const node of nodes) {
      if (reached.has(node.id)) continue;
      problems.push({
        code: 'unreachable',
        path: nodePath(node.id),
        nodeId: node.id,
        message: `"${node.id}" cannot be reached from the trigger`,
      });
    }
  }

  nodes.forEach((node, index) => {
    const dataPath = childPath(childPath('nodes', index), 'data');
    const eligibility =
      node.type === 'updateField' && 'eligibility' in node.data ? node.data.eligibility : undefined;
    const condition =
      node.type === 'filter'
        ? { logic: node.data.condition, path: childPath(dataPath, 'condition') }
        : eligibility?.condition !== undefined
          ? { logic: eligibility.condition, path: childPath(childPath(dataPath, 'eligibility'), 'condition') }
          : null;
    if (condition) {
      for (const problem of findIncompleteRules(condition.logic, condition.path))
        problems.push({ ...problem, nodeId: node.id, message: `"${node.id}": ${problem.message}` });
    }
  });

  nodes.forEach((node, index) => {
    if (node.type !== 'updateField' || node.data.operation !== 'replaceWithOneOf') return;
    const count = node.data.values.length;
    if (count >= 1 && count <= MAX_VALUES) return;
    problems.push({
      code: count === 0 ? 'no_values' : 'too_many_values',
      path: childPath(childPath(childPath('nodes', index), 'data'), 'values'),
      nodeId: node.id,
      message:
        count === 0
          ? `"${node.id}" has no values to give: it needs at least one`
          : `"${node.id}" has ${count.toLocaleString('en-US')} values: at most ${MAX_VALUES.toLocaleString('en-US')} can be activated`,
    });
  });
  return problems;
}
