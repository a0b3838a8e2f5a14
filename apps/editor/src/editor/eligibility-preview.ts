import { registerJsonLogicOperations } from '@leadflow/workflow';
import jsonLogic from 'json-logic-js';
import type { Field, Manager } from '../api/client';

registerJsonLogicOperations(jsonLogic);

/** The `eligibility` options of a manager rotation (workflow-format.md, Assigning managers). */
export interface EligibilityOptions {
  skipUnavailable?: boolean;
  respectCapacity?: boolean;
  condition?: unknown;
}

export type PreviewOutcome =
  | { email: string; name: string; eligible: true }
  | { email: string; name: string; eligible: false; reason: string };

/** The data a candidate condition reads about a manager. */
export function candidateOf(manager: Manager) {
  return {
    email: manager.email,
    name: manager.name,
    available: manager.available,
    openLeads: manager.openLeads,
    capacity: manager.capacity,
    attributes: manager.attributes,
  };
}

/**
 * The lead of a preview from the admin's key/value pairs: number and boolean fields are read as
 * such, empty keys are ignored, everything else stays text.
 */
export function leadOf(pairs: { key: string; value: string }[], fields: Field[]): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  for (const { key, value } of pairs) {
    if (!key) continue;
    const type = fields.find((field) => field.key === key)?.type;
    if (type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) lead[key] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false')) lead[key] = value === 'true';
    else lead[key] = value;
  }
  return lead;
}

/**
 * Whether each manager on a rotation list would be eligible for a lead, and if not why. Working
 * hours are not checked here (the editor cannot use the engine's `isWithinWorkingHours`).
 */
export function previewEligibility(
  emails: string[],
  managers: Manager[],
  eligibility: EligibilityOptions,
  lead: Record<string, unknown>,
  now: Date = new Date(),
): PreviewOutcome[] {
  const byEmail = new Map(managers.map((manager) => [manager.email.toLowerCase(), manager]));
  return emails.map((email): PreviewOutcome => {
    const manager = byEmail.get(email.toLowerCase());
    const skipped = (reason: string): PreviewOutcome => ({
      email,
      name: manager?.name ?? email,
      eligible: false,
      reason,
    });
    if (!manager) return skipped('unknown manager');
    if (!manager.active) return skipped('inactive');
    if (eligibility.skipUnavailable !== false) {
      if (!manager.available) return skipped('unavailable');
      if (manager.awayUntil && new Date(manager.awayUntil).getTime() > now.getTime())
        return skipped(`away until ${manager.awayUntil}`);
    }
    if (
      eligibility.respectCapacity !== false &&
      manager.capacity !== null &&
      manager.openLeads >= manager.capacity
    )
      return skipped('at capacity');
    if (eligibility.condition !== undefined) {
      const data = { lead, event: { type: 'lead.created' }, candidate: candidateOf(manager) };
      try {
        if (!jsonLogic.truthy(jsonLogic.apply(eligibility.condition as jsonLogic.RulesLogic, data)))
          return skipped('condition not met');
      } catch (error) {
        return skipped(`condition error: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { email, name: manager.name, eligible: true };
  });
}
