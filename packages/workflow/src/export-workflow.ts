import type { Workflow, WorkflowFile, WorkflowNode } from './schema';

// The order keys are written in; a key missing here still comes out, after these.
const DATA_KEYS = [
  'label',
  'event',
  'field',
  'tag',
  'operation',
  'value',
  'values',
  'strategy',
  'weights',
  'eligibility',
  'sticky',
  'excludeCurrent',
  'condition',
  'duration',
  'branches',
];
const ELIGIBILITY_KEYS = ['skipUnavailable', 'respectCapacity', 'condition'];

const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const ordered = (
  object: object,
  keys: readonly string[],
  copy: (key: string, value: unknown) => unknown = (_k, v) => v,
) => {
  const source = object as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of [...keys, ...Object.keys(source).filter((k) => !keys.includes(k))]) {
    if (source[key] !== undefined) result[key] = copy(key, source[key]);
  }
  return result;
};

const copyData = (key: string, value: unknown): unknown => {
  switch (key) {
    case 'eligibility':
      return ordered(value as object, ELIGIBILITY_KEYS, (_k, v) => cloneJson(v));
    case 'branches':
      return (value as Array<{ id: string; percent: number }>).map(({ id, percent }) => ({ id, percent }));
    default:
      return cloneJson(value);
  }
};

/**
 * The workflow as a file (workflow-format.md), written the same way every time: keys in a fixed
 * order (`format`, `name`, `description`, `nodes` with `id`, `type`, `position`, `data`, `edges`
 * with `id`, `source`, `sourceHandle`, `target`), positions included, optional keys left out when
 * unset, values as given (an omitted `strategy` stays omitted). Importing the result and exporting
 * it again gives the same JSON.
 */
export function exportWorkflow(workflow: Workflow): WorkflowFile {
  return {
    format: workflow.format,
    name: workflow.name,
    ...(workflow.description === undefined ? {} : { description: workflow.description }),
    nodes: workflow.nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { x: node.position.x, y: node.position.y },
          data: ordered(node.data, DATA_KEYS, copyData),
        }) as WorkflowNode,
    ),
    edges: workflow.edges.map(({ id, source, sourceHandle, target }) =>
      sourceHandle === undefined ? { id, source, target } : { id, source, sourceHandle, target },
    ),
  };
}
