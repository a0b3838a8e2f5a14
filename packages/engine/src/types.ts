import type { ConditionBudget } from './conditions/metered-logic';
import type { FieldValue, TriggerEvent, WorkflowNode } from '@leadflow/workflow';

/** What happened to a lead. `depth` counts how many runs led to it (0 = from outside). */
export interface LeadEvent {
  type: TriggerEvent;
  /** lead.fieldUpdated: the field that changed, its old and new value. */
  field?: string;
  from?: FieldValue;
  to?: FieldValue;
  /** lead.tagAdded: the tag. */
  tag?: string;
}

/** A lead as the engine sees it: `fields.manager` is the manager's email or null. */
export interface Lead {
  id: string;
  fields: Record<string, FieldValue>;
  tags: string[];
}

export interface WorkingHours {
  timezone: string;
  /** `mon`..`sun` → ["09:00-17:00", …] */
  days: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string[]>>;
}

/** What the engine needs to know about a manager to decide eligibility. */
export interface ManagerInfo {
  email: string;
  name: string;
  active: boolean;
  available: boolean;
  awayUntil: string | null;
  workingHours: WorkingHours | null;
  capacity: number | null;
  openLeads: number;
  attributes: Record<string, string | number | boolean | string[]>;
}

/**
 * A strategy's memory for one node (the round-robin cursor, weighted counters …), stored by the
 * caller as JSON per workflow and node id across versions. Only the strategy reads its content.
 */
export type RotationState = Record<string, unknown>;

/**
 * Everything a run reads from the world. The caller implements these over its storage; within one
 * run they must answer consistently (the caller holds whatever lock makes that true).
 */
export interface RunPorts {
  now(): Date;
  /** The stored state of a node's strategy, or null before the node's first run. */
  loadRotation(nodeId: string): RotationState | null;
  /** A manager by (lower-case) email, or undefined when no such manager exists. */
  manager(email: string): ManagerInfo | undefined;
  /**
   * Sticky assignment: managers (emails) of the other leads of the same account, newest lead first.
   * `key` is the trimmed, lower-cased company name or the email domain.
   */
  accountManagers(by: 'company' | 'emailDomain', key: string, exceptLeadId: string): string[];
  /**
   * A uniform number in [0, 1) for the `random` strategy. Optional: without it the engine draws from
   * a generator seeded by the lead id, the node id and `now()`, so a run stays reproducible.
   */
  random?(): number;
  /** What the run's conditions may spend; `CONDITION_BUDGET` when absent (tests give smaller ones). */
  conditionBudget?: ConditionBudget;
}

export type StepOutcome =
  'matched' | 'pass' | 'fail' | 'changed' | 'unchanged' | 'scheduled' | 'resumed' | string;

export interface Step {
  nodeId: string;
  type: WorkflowNode['type'];
  outcome: StepOutcome;
  detail?: Record<string, unknown>;
  at: string;
}

/** One change a run made to its lead, in order. Field changes and added tags become new events. */
export type LeadChange =
  | { kind: 'field'; field: string; from: FieldValue; to: FieldValue }
  | { kind: 'tagAdded'; tag: string }
  | { kind: 'tagRemoved'; tag: string };

/** Where a suspended run goes on: JSON the caller stores and hands back to `resumeRun`. */
export interface ResumePoint {
  /** The wait node the run is suspended at. */
  nodeId: string;
  /** Nodes still to visit after the wait's successors, top of the stack last. */
  stack: string[];
  /** Nodes already executed. */
  visited: string[];
}

export interface RunResult {
  status: 'completed' | 'waiting' | 'failed';
  reason?: string;
  steps: Step[];
  /** The lead after the run (unchanged input object is never mutated). */
  lead: Lead;
  changes: LeadChange[];
  /** New strategy states by node id, for the caller to store with the run. */
  rotations: Record<string, RotationState>;
  /** Set when status is `waiting`. */
  wait?: { until: Date; resume: ResumePoint };
}
