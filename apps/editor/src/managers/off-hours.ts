import { isWithinWorkingHours, managerSkipReason } from '@leadflow/engine';
import type { Manager } from '../api/client';

/**
 * Whether the manager is outside their working hours at `at`, by the engine's own rule, so the
 * Managers page and the rotation list say what a run would do. An unknown time zone is not "off
 * hours" here: the form reports it as a problem of the manager's data.
 */
export function isOffHours(manager: Pick<Manager, 'workingHours'>, at: Date): boolean {
  if (!manager.workingHours) return false;
  try {
    return !isWithinWorkingHours(manager.workingHours, at);
  } catch {
    return false;
  }
}

/** What the Managers page says about a manager: one status, as a run would see them now. */
export type Availability =
  | { kind: 'retired' | 'unavailable' | 'offHours' | 'available' | 'invalidHours'; text: string }
  | { kind: 'away'; text: string; until: Date };

/**
 * The manager's one status at `at`, by the engine's own eligibility rule (a rotation that skips
 * unavailable managers): retired, unavailable, away until a time, off hours, or available. A
 * manager marked available but away or outside their hours is not shown as available.
 */
export function availabilityOf(manager: Manager, at: Date): Availability {
  const reason = managerSkipReason({
    manager,
    rules: { skipUnavailable: true, respectCapacity: false },
    now: at,
    conditionData: () => ({}),
  });
  switch (reason) {
    case 'inactive':
      return { kind: 'retired', text: 'Retired' };
    case 'unavailable':
      return { kind: 'unavailable', text: 'Unavailable' };
    case 'away': {
      const until = new Date(manager.awayUntil!);
      return { kind: 'away', text: `Away until ${until.toLocaleString()}`, until };
    }
    case 'outsideWorkingHours':
      return { kind: 'offHours', text: 'Off hours now' };
    case 'invalidWorkingHours':
      return { kind: 'invalidHours', text: 'Working hours in an unknown time zone' };
    default:
      return { kind: 'available', text: 'Available' };
  }
}
