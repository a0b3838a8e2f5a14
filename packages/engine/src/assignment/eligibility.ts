import type { CompiledCondition } from '../conditions/condition';
import { isEngineError } from '../engine-error';
import type { ManagerInfo } from '../types';
import { isWithinWorkingHours } from './working-hours';

export type SkipReason =
  | 'current'
  | 'unknownManager'
  | 'inactive'
  | 'unavailable'
  | 'away'
  | 'outsideWorkingHours'
  | 'invalidWorkingHours'
  | 'atCapacity'
  | 'condition';

export interface EligibilityRules {
  skipUnavailable: boolean;
  respectCapacity: boolean;
  condition?: CompiledCondition;
}

/** Why a manager may not be given now, or null when it may. */
export function managerSkipReason(input: {
  manager: ManagerInfo | undefined;
  rules: EligibilityRules;
  now: Date;
  conditionData: (candidate: Record<string, unknown>) => unknown;
}): SkipReason | null {
  const { manager, rules, now } = input;
  if (!manager) return 'unknownManager';
  if (!manager.active) return 'inactive';
  if (rules.skipUnavailable) {
    if (!manager.available) return 'unavailable';
    if (manager.awayUntil !== null && Date.parse(manager.awayUntil) > now.getTime()) return 'away';
    if (manager.workingHours) {
      let inHours: boolean;
      try {
        inHours = isWithinWorkingHours(manager.workingHours, now);
      } catch (error) {
        // An unknown time zone is the manager's data problem, not the run's; anything else is a bug.
        if (isEngineError(error, 'invalid_time_zone')) return 'invalidWorkingHours';
        throw error;
      }
      if (!inHours) return 'outsideWorkingHours';
    }
  }
  if (rules.respectCapacity && manager.capacity !== null && manager.openLeads >= manager.capacity)
    return 'atCapacity';
  if (rules.condition) {
    const candidate = {
      email: manager.email,
      name: manager.name,
      available: manager.available,
      openLeads: manager.openLeads,
      capacity: manager.capacity,
      attributes: manager.attributes,
    };
    if (!rules.condition.test(input.conditionData(candidate))) return 'condition';
  }
  return null;
}
