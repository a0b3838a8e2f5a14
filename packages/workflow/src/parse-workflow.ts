import { checkNode } from './check-node';
import { layoutWorkflow } from './layout-workflow';
import { findRepeats } from './find-repeats';
import { jsonShapeProblems } from './json-shape';
import { childPath, previewValue, type Problem } from './problem';
import {
  edgeSchema,
  MAX_EDGES,
  MAX_NODES,
  NODE_ID_PATTERN,
  nodeSchema,
  workflowEnvelopeSchema,
  type NormalizedEdge,
  type Workflow,
  type WorkflowEdge,
  type WorkflowNode,
} from './schema';
import { sourceHandleProblem } from './source-handle';
import { resolveContext, type ResolvedContext, type WorkflowContext } from './workflow-context';
import { parseWithProblems } from './zod-problems';

/** The outcome of `parseWorkflow`: the workflow, or every problem found. */
export type ParseWorkflowResult = { ok: true; workflow: Workflow } | { ok: false; problems: Problem[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A list whose length is already refused is not read item by item: it may be huge.
const itemsOf = (document: Record<string, unknown>, key: string, max: number): unknown[] | undefined => {
  const items = document[key];
  return Array.isArray(items) && items.length <= max ? items : undefined;
};

// An id some item claims, if it is well-formed, even when the rest of the item is not: edges to a
// broken node then report the node, not a missing id.
const claimedId = (item: unknown): string | undefined => {
  const id = isRecord(item) ? item.id : undefined;
  return typeof id === 'string' && NODE_ID_PATTERN.test(id) ? id : undefined;
};

const checkUniqueIds = (items: unknown[], list: string, problems: Problem[]) => {
  for (const { index, first } of findRepeats(items, claimedId)) {
    problems.push({
      code: 'duplicate_id',
      path: childPath(childPath(list, index), 'id'),
      message: `${previewValue(claimedId(items[index]))} is already the id of ${list}[${first}]`,
    });
  }
};

// `byId` holds every id a node claims, mapped to the first node with it that could be read.
const readNodes = (items: unknown[], context: ResolvedContext, problems: Problem[]) => {
  checkUniqueIds(items, 'nodes', problems);
  const nodes: WorkflowNode[] = [];
  const byId = new Map<string, WorkflowNode | undefined>();
  for (const item of items) {
    const id = claimedId(item);
    if (id !== undefined) byId.set(id, undefined);
  }
  items.forEach((item, index) => {
    const path = childPath('nodes', index);
    const parsed = parseWithProblems(nodeSchema, item, path);
    if (!parsed.ok) problems.push(...parsed.problems);
    const node = parsed.ok ? parsed.value : parsed.partial;
    if (!node) return;
    nodes.push(node);
    if (byId.get(node.id) === undefined) byId.set(node.id, node);
    problems.push(...checkNode(node, path, context));
  });
  return { nodes, byId };
};

// `byId` is undefined when the nodes could not be read: edges are then checked on their own.
const readEdges = (
  items: unknown[],
  byId: Map<string, WorkflowNode | undefined> | undefined,
  problems: Problem[],
) => {
  checkUniqueIds(items, 'edges', problems);
  const edges: NormalizedEdge[] = [];
  items.forEach((item, index) => {
    const path = childPath('edges', index);
    const parsed = parseWithProblems(edgeSchema, item, path);
    if (!parsed.ok) problems.push(...parsed.problems);
    const read = parsed.ok ? parsed.value : parsed.partial;
    if (!read) return;
    const edge = normalizeEdge(read);
    edges.push(edge);
    if (!byId) return;
    for (const end of ['source', 'target'] as const) {
      if (!byId.has(edge[end]))
        problems.push({
          code: 'unknown_node',
          path: childPath(path, end),
          message: `no node has the id ${previewValue(edge[end])}`,
        });
    }
    const source = byId.get(edge.source);
    const handleProblem = source ? sourceHandleProblem(source, edge.sourceHandle) : null;
    if (handleProblem)
      problems.push({
        code: 'invalid_source_handle',
        path: childPath(path, 'sourceHandle'),
        message: handleProblem,
      });
  });
  return edges;
};

const normalizeEdge = ({ sourceHandle, ...edge }: WorkflowEdge): NormalizedEdge =>
  sourceHandle === null || sourceHandle === undefined ? edge : { ...edge, sourceHandle };

/**
 * Reads a workflow file (workflow-format.md) and checks every rule of the format that a saved
 * draft must meet: its shape, unique ids, edges between existing nodes by valid handles, each
 * node's options, safe conditions and, with a `context`, the fields and managers of the
 * installation. Returns the workflow, laid out where positions are missing and with `null`
 * sourceHandles left out, or every problem found, in document order. Activation asks more: see
 * `checkActivation`. A document nested deeper than `MAX_JSON_DEPTH` or with a key of
 * `FORBIDDEN_KEYS` gets only those problems.
 */
export function parseWorkflow(input: unknown, context: WorkflowContext = {}): ParseWorkflowResult {
  if (!isRecord(input)) {
    return {
      ok: false,
      problems: [
        {
          code: 'invalid_type',
          path: '',
          message: 'must be a workflow: a JSON object with "format", "name", "nodes" and "edges"',
        },
      ],
    };
  }
  // A document too deep or with prototype keys is read no further: zod would drop such keys silently.
  const unsafe = jsonShapeProblems(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  const problems: Problem[] = [];
  const envelope = parseWithProblems(workflowEnvelopeSchema, input, '');
  if (!envelope.ok) problems.push(...envelope.problems);

  const nodeItems = itemsOf(input, 'nodes', MAX_NODES);
  const { nodes, byId } = readNodes(nodeItems ?? [], resolveContext(context), problems);
  const edges = readEdges(itemsOf(input, 'edges', MAX_EDGES) ?? [], nodeItems && byId, problems);
  if (!envelope.ok || problems.length > 0) return { ok: false, problems };

  const { format, name, description } = envelope.value;
  const workflow =
    description === undefined ? { format, name, nodes, edges } : { format, name, description, nodes, edges };
  return { ok: true, workflow: layoutWorkflow(workflow) };
}
