import { isWithinWorkingHours } from '@leadflow/engine';
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
