import {
  normalizeManagerValue,
  type FieldValue,
  type ReplaceWithOneOfData,
  type Strategy,
} from '@leadflow/workflow';
import { compileCondition } from '../conditions/condition';
import type { Lead, LeadEvent, RotationState, RunPorts } from '../types';
import { NO_ELIGIBLE_VALUE, type AssignmentStrategy } from './assignment.strategy';
import { managerSkipReason, type EligibilityRules, type SkipReason } from './eligibility';
import { leastLoadedStrategy } from './least-loaded.strategy';
import { randomStrategy } from './random.strategy';
import { roundRobinStrategy } from './round-robin.strategy';
import { stickyManager, type StickyBy } from './sticky';
import { weightedStrategy } from './weighted.strategy';

export const MANAGER_FIELD = 'manager';

const STRATEGIES: Record<Strategy, AssignmentStrategy> = {
  roundRobin: roundRobinStrategy,
  weighted: weightedStrategy,
  leastLoaded: leastLoadedStrategy,
  random: randomStrategy,
};

/** A `replaceWithOneOf` node ready to run: values without duplicates, manager emails lower-cased. */
export interface CompiledAssignment {
  field: string;
  isManager: boolean;
  values: FieldValue[];
  weights?: number[];
  strategy: Strategy;
  rules: EligibilityRules;
  sticky?: StickyBy;
  excludeCurrent: boolean;
}

export function compileAssignment(data: ReplaceWithOneOfData): CompiledAssignment {
  const isManager = data.field === MANAGER_FIELD;
  const values: FieldValue[] = [];
  const weights: number[] = [];
  data.values.forEach((raw, i) => {
    const value = isManager ? normalizeManagerValue(raw) : raw;
    const weight = data.weights?.[i] ?? 1;
    const seen = values.indexOf(value);
    // A value listed twice counts once, with the weights added.
    if (seen >= 0) weights[seen] += weight;
    else {
      values.push(value);
      weights.push(weight);
    }
  });
  return {
    field: data.field,
    isManager,
    values,
    weights: data.weights ? weights : undefined,
    strategy: data.strategy ?? 'roundRobin',
    rules: {
      skipUnavailable: data.eligibility?.skipUnavailable ?? true,
      respectCapacity: data.eligibility?.respectCapacity ?? true,
      condition:
        data.eligibility?.condition === undefined ? undefined : compileCondition(data.eligibility.condition),
    },
    sticky: isManager ? data.sticky?.by : undefined,
    excludeCurrent: data.excludeCurrent ?? false,
  };
}

export interface Skip {
  value: FieldValue;
  reason: SkipReason;
}

export type Assignment =
  | {
      given: true;
      value: FieldValue;
      reason: string;
      /** The new state to store, or null when the rotation did not move. */
      state: RotationState | null;
      skipped: Skip[];
      account?: { by: StickyBy; key: string };
    }
  | { given: false; reason: string; skipped: Skip[] };

export interface AssignContext {
  nodeId: string;
  lead: Lead;
  event: LeadEvent;
  /** The lead as conditions read it; only built when a condition needs it. */
  leadData: () => Record<string, unknown>;
  ports: RunPorts;
  now: Date;
  random: () => number;
}

/** Chooses the value a `replaceWithOneOf` node gives this lead: eligibility, then sticky, then the strategy. */
export function assignOneOf(assignment: CompiledAssignment, context: AssignContext): Assignment {
  const { values, isManager } = assignment;
  if (values.length === 0) return { given: false, reason: 'noValues', skipped: [] };
  const raw = context.lead.fields[assignment.field] ?? null;
  const current = isManager ? normalizeManagerValue(raw) : raw;
  const managers = new Map(
    isManager
      ? values.map((value) => [value, typeof value === 'string' ? context.ports.manager(value) : undefined])
      : [],
  );
  let lead: Record<string, unknown> | undefined;
  const conditionData = (candidate: Record<string, unknown>) => ({
    lead: (lead ??= context.leadData()),
    event: context.event,
    candidate,
  });

  const skipped: Skip[] = [];
  const eligible = new Set<FieldValue>();
  for (const value of values) {
    let reason: SkipReason | null = null;
    if (assignment.excludeCurrent && value === current) reason = 'current';
    else if (isManager) {
      reason = managerSkipReason({
        manager: managers.get(value),
        rules: assignment.rules,
        now: context.now,
        conditionData,
      });
    }
    if (reason) skipped.push({ value, reason });
    else eligible.add(value);
  }

  if (assignment.sticky) {
    const sticky = stickyManager({
      by: assignment.sticky,
      lead: context.lead,
      ports: context.ports,
      mayGive: (v) => eligible.has(v),
    });
    if (sticky) {
      return {
        given: true,
        value: sticky.value,
        reason: 'sticky',
        state: null,
        skipped,
        account: { by: assignment.sticky, key: sticky.key },
      };
    }
  }
  if (eligible.size === 0) return { given: false, reason: NO_ELIGIBLE_VALUE, skipped };

  const strategy = STRATEGIES[assignment.strategy] ?? roundRobinStrategy;
  const rotating = onRotation(assignment, (value) => {
    const manager = managers.get(value);
    return manager !== undefined && manager.active;
  });
  const pick = strategy.pick({
    values: rotating.values,
    candidates: rotating.values.filter((value) => eligible.has(value)),
    isEligible: (value) => eligible.has(value),
    state: strategy.stateful ? context.ports.loadRotation(context.nodeId) : null,
    weights: rotating.weights,
    openLeads: (value) => managers.get(value)?.openLeads ?? 0,
    random: context.random,
  });
  return pick.given ? { ...pick, skipped } : { given: false, reason: pick.reason, skipped };
}

/**
 * The values a strategy rotates over, with their weights: for the manager field only active
 * managers. A retired (inactive or unknown) manager is treated as not on the list, so the rotation
 * owes them nothing and, made active again, they take their place in list order; a manager who is
 * merely unavailable, away, off hours or at capacity stays on it and keeps an owed turn.
 */
function onRotation(
  assignment: CompiledAssignment,
  isActiveManager: (value: FieldValue) => boolean,
): { values: FieldValue[]; weights?: number[] } {
  if (!assignment.isManager) return { values: assignment.values, weights: assignment.weights };
  const kept = assignment.values.flatMap((value, i) => (isActiveManager(value) ? [i] : []));
  return {
    values: kept.map((i) => assignment.values[i]),
    weights: assignment.weights && kept.map((i) => (assignment.weights as number[])[i]),
  };
}

/**
 * The value the next run of a `replaceWithOneOf` node would give if every value were eligible and
 * no sticky account applied (for the rotation insight). Null for `leastLoaded` and `random`, whose
 * choice depends on the moment, for an empty list, and when no manager on the list is active.
 * `isActiveManager(email)` says whether a manager of the list is active (manager field only; without
 * it every manager counts as active); an inactive manager is never the answer.
 */
export function previewNextValue(
  data: ReplaceWithOneOfData,
  state: RotationState | null,
  isActiveManager: (email: FieldValue) => boolean = () => true,
): FieldValue | null {
  const assignment = compileAssignment(data);
  const strategy = STRATEGIES[assignment.strategy];
  if (!strategy?.stateful) return null;
  const rotating = onRotation(assignment, isActiveManager);
  if (rotating.values.length === 0) return null;
  const pick = strategy.pick({
    values: rotating.values,
    candidates: rotating.values,
    isEligible: () => true,
    state,
    weights: rotating.weights,
    openLeads: () => 0,
    random: () => 0,
  });
  return pick.given ? pick.value : null;
}
