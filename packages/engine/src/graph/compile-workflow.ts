import {
  normalizeManagerValue,
  type FieldValue,
  type SplitBranch,
  type TriggerData,
  type UpdateFieldData,
  type WorkflowFile,
} from '@leadflow/workflow';
import { compileAssignment, MANAGER_FIELD, type CompiledAssignment } from '../assignment/replace-with-one-of';
import { compileCondition, type CompiledCondition } from '../conditions/condition';
import { conditionReads } from '../conditions/condition-reads';
import { registerOperations } from '../conditions/register-operations';

/** The targets of a node's outgoing edges, in edge order. */
export interface Outgoing {
  all: readonly string[];
  /** By `sourceHandle`; on a filter an omitted handle counts as `pass`, elsewhere as `""`. */
  byHandle: ReadonlyMap<string, readonly string[]>;
  /** Every target except those of `none` edges (what a `replaceWithOneOf` node follows after giving a value). */
  exceptNone: readonly string[];
}

interface Base {
  id: string;
  out: Outgoing;
}

/** A node ready to execute. */
export type CompiledNode =
  | (Base & { type: 'trigger'; trigger: TriggerData })
  | (Base & {
      type: 'filter';
      condition: CompiledCondition;
      /** The data paths the condition reads (`lead.country`), recorded with their values in the step. */
      reads: readonly string[];
    })
  | (Base & { type: 'updateField'; operation: 'set'; field: string; value: FieldValue })
  | (Base & { type: 'updateField'; operation: 'clear'; field: string })
  | (Base & {
      type: 'updateField';
      operation: 'replaceWithOneOf';
      field: string;
      assignment: CompiledAssignment;
    })
  | (Base & { type: 'addTag' | 'removeTag'; tag: string })
  | (Base & { type: 'wait'; duration: string })
  | (Base & { type: 'split'; branches: readonly SplitBranch[] });

/** A workflow version prepared once for many runs; build it with `compileWorkflow` and cache it. */
export interface CompiledWorkflow {
  readonly name: string;
  /** The first trigger node; undefined in a draft without one. */
  readonly trigger: Extract<CompiledNode, { type: 'trigger' }> | undefined;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
}

function compileUpdate(data: UpdateFieldData, base: Base): CompiledNode {
  switch (data.operation) {
    case 'set':
      return {
        ...base,
        type: 'updateField',
        operation: 'set',
        field: data.field,
        value: data.field === MANAGER_FIELD ? normalizeManagerValue(data.value) : data.value,
      };
    case 'clear':
      return { ...base, type: 'updateField', operation: 'clear', field: data.field };
    case 'replaceWithOneOf':
      return {
        ...base,
        type: 'updateField',
        operation: 'replaceWithOneOf',
        field: data.field,
        assignment: compileAssignment(data),
      };
  }
}

/**
 * Prepares a workflow for `startRun`/`resumeRun`: nodes by id, each node's outgoing edges grouped by
 * handle, conditions ready to evaluate. The definition is not kept, so later changes to it do not
 * reach the compiled workflow. Expects a definition that passed the format's schema; edges naming
 * missing nodes are dropped.
 */
export function compileWorkflow(definition: WorkflowFile): CompiledWorkflow {
  registerOperations();
  const ids = new Set(definition.nodes.map((node) => node.id));
  const edgesBySource = new Map<string, { handle: string | null; target: string }[]>();
  for (const edge of definition.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
    const list = edgesBySource.get(edge.source) ?? [];
    list.push({ handle: edge.sourceHandle ?? null, target: edge.target });
    edgesBySource.set(edge.source, list);
  }

  const nodes = new Map<string, CompiledNode>();
  let trigger: Extract<CompiledNode, { type: 'trigger' }> | undefined;
  for (const node of definition.nodes) {
    if (nodes.has(node.id)) continue;
    const edges = edgesBySource.get(node.id) ?? [];
    const byHandle = new Map<string, string[]>();
    for (const { handle, target } of edges) {
      const key = handle ?? (node.type === 'filter' ? 'pass' : '');
      byHandle.set(key, [...(byHandle.get(key) ?? []), target]);
    }
    const out: Outgoing = {
      all: edges.map((edge) => edge.target),
      byHandle,
      exceptNone: edges.filter((edge) => edge.handle !== 'none').map((edge) => edge.target),
    };
    const base = { id: node.id, out };
    let compiled: CompiledNode;
    switch (node.type) {
      case 'trigger':
        compiled = { ...base, type: 'trigger', trigger: structuredClone(node.data) };
        trigger ??= compiled;
        break;
      case 'filter':
        compiled = {
          ...base,
          type: 'filter',
          condition: compileCondition(node.data.condition),
          reads: conditionReads(node.data.condition),
        };
        break;
      case 'updateField':
        compiled = compileUpdate(node.data, base);
        break;
      case 'addTag':
      case 'removeTag':
        compiled = { ...base, type: node.type, tag: node.data.tag };
        break;
      case 'wait':
        compiled = { ...base, type: 'wait', duration: node.data.duration };
        break;
      case 'split':
        compiled = { ...base, type: 'split', branches: node.data.branches.map((branch) => ({ ...branch })) };
        break;
    }
    nodes.set(node.id, compiled);
  }
  return { name: definition.name, trigger, nodes };
}
