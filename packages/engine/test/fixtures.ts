import type { ReplaceWithOneOfData, WorkflowFile } from '@leadflow/workflow';
import type { Lead, LeadEvent, ManagerInfo, RotationState, RunPorts, RunResult } from '../src/types';

/** A manager that may be given, with `overrides`. */
export function manager(email: string, overrides: Partial<ManagerInfo> = {}): ManagerInfo {
  return {
    email,
    name: email.split('@')[0],
    active: true,
    available: true,
    awayUntil: null,
    workingHours: null,
    capacity: null,
    openLeads: 0,
    attributes: {},
    ...overrides,
  };
}

export function lead(id: string, fields: Lead['fields'] = {}, tags: string[] = []): Lead {
  return { id, fields, tags };
}

export const created: LeadEvent = { type: 'lead.created' };

export interface AccountLead {
  leadId: string;
  company?: string;
  domain?: string;
  manager: string;
}

/**
 * RunPorts over memory, the way the server implements them over its tables: rotations stored
 * per node id, managers by email, other leads of an account newest first.
 */
export class MemoryPorts implements RunPorts {
  readonly rotations = new Map<string, RotationState>();
  readonly managers = new Map<string, ManagerInfo>();
  /** Oldest first; `accountManagers` answers newest first. */
  readonly accounts: AccountLead[] = [];
  loads = 0;
  clock: Date;
  random?: () => number;

  constructor(options: { now?: string; managers?: ManagerInfo[]; random?: () => number } = {}) {
    this.clock = new Date(options.now ?? '2026-03-02T10:00:00.000Z');
    for (const m of options.managers ?? []) this.managers.set(m.email, m);
    if (options.random) this.random = options.random;
  }

  now(): Date {
    return new Date(this.clock.getTime());
  }

  loadRotation(nodeId: string): RotationState | null {
    this.loads++;
    const state = this.rotations.get(nodeId);
    // A copy, as from a database: the engine must not rely on sharing.
    return state ? structuredClone(state) : null;
  }

  manager(email: string): ManagerInfo | undefined {
    return this.managers.get(email);
  }

  accountManagers(by: 'company' | 'emailDomain', key: string, exceptLeadId: string): string[] {
    return this.accounts
      .filter((a) => a.leadId !== exceptLeadId && (by === 'company' ? a.company : a.domain) === key)
      .reverse()
      .map((a) => a.manager);
  }

  /** What the server does after a run: store the rotations, count the new open leads. */
  persist(result: RunResult): void {
    for (const [nodeId, state] of Object.entries(result.rotations))
      this.rotations.set(nodeId, structuredClone(state));
    for (const change of result.changes) {
      if (change.kind !== 'field' || change.field !== 'manager') continue;
      const to = typeof change.to === 'string' ? this.managers.get(change.to) : undefined;
      const from = typeof change.from === 'string' ? this.managers.get(change.from) : undefined;
      if (to) to.openLeads++;
      if (from) from.openLeads--;
    }
  }
}

/** The examples' managers as the engine sees them: all active and available, no leads yet. */
export function exampleManagers(
  raw: Array<{ name: string; email: string; attributes: ManagerInfo['attributes'] }>,
): ManagerInfo[] {
  return raw.map((m) => manager(m.email, { name: m.name, attributes: m.attributes }));
}

export type { WorkflowFile };

type NodeSpec = WorkflowFile['nodes'][number];

/** A workflow file from nodes and `[source, target, sourceHandle?]` edges. */
export function workflowFile(nodes: NodeSpec[], edges: Array<[string, string, string?]>): WorkflowFile {
  return {
    format: 'leadflow.workflow/v1',
    name: 'test',
    nodes,
    edges: edges.map(([source, target, sourceHandle], i) => ({
      id: `e${i + 1}`,
      source,
      target,
      ...(sourceHandle === undefined ? {} : { sourceHandle }),
    })),
  };
}

export const trigger = (id = 'start'): NodeSpec => ({ id, type: 'trigger', data: { event: 'lead.created' } });
export const addTag = (id: string, tag = id): NodeSpec => ({ id, type: 'addTag', data: { tag } });
export const removeTag = (id: string, tag = id): NodeSpec => ({ id, type: 'removeTag', data: { tag } });
export const filter = (id: string, condition: unknown): NodeSpec => ({
  id,
  type: 'filter',
  data: { condition: condition as object },
});
export const wait = (id: string, duration = 'PT1H'): NodeSpec => ({ id, type: 'wait', data: { duration } });
export const setField = (id: string, field: string, value: string | number | boolean | null): NodeSpec => ({
  id,
  type: 'updateField',
  data: { field, operation: 'set', value },
});
export const replaceManager = (
  id: string,
  values: string[],
  options: Partial<ReplaceWithOneOfData> = {},
): NodeSpec =>
  ({
    id,
    type: 'updateField',
    data: { field: 'manager', operation: 'replaceWithOneOf', values, ...options },
  }) as NodeSpec;
