import {
  compileWorkflow,
  startRun,
  type ManagerInfo,
  type RunPorts,
  type Skip,
  type SkipReason,
} from '@leadflow/engine';
import {
  normalizeManagerValue,
  WORKFLOW_FORMAT,
  type Eligibility,
  type FieldValue,
  type WorkflowFile,
} from '@leadflow/workflow';
import type { Field, Manager } from '../api/client';

export type PreviewOutcome =
  | { email: string; name: string; eligible: true }
  | { email: string; name: string; eligible: false; reason: SkipReason };

export type EligibilityPreview =
  | { ok: true; outcomes: PreviewOutcome[] }
  /** The run itself would fail (a condition that cannot be evaluated), as it would on the server. */
  | { ok: false; error: string };

/** The engine's skip reasons in words, as the run history and the routing recipes name them. */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  current: 'has the lead now',
  unknownManager: 'unknown manager',
  inactive: 'inactive',
  unavailable: 'unavailable',
  away: 'away',
  outsideWorkingHours: 'outside working hours',
  invalidWorkingHours: 'working hours in an unknown time zone',
  atCapacity: 'at capacity',
  condition: 'condition not met',
};

/**
 * The lead of a preview from the admin's key/value pairs: number and boolean fields are read as
 * such, empty keys are ignored, everything else stays text.
 */
export function leadOf(pairs: { key: string; value: string }[], fields: Field[]): Record<string, FieldValue> {
  const lead: Record<string, FieldValue> = {};
  for (const { key, value } of pairs) {
    if (!key) continue;
    const type = fields.find((field) => field.key === key)?.type;
    if (type === 'number' && value.trim() !== '' && !Number.isNaN(Number(value))) lead[key] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false')) lead[key] = value === 'true';
    else lead[key] = value;
  }
  return lead;
}

const ROTATION_NODE = 'rotation';
const NODE_PREFIX = /^node "[^"]*" \([^)]*\): /;
/** A manager email as the engine compares and records it (in `skipped` and `given`). */
export const managerKey = (email: string) => String(normalizeManagerValue(email));

/**
 * Whether each manager on a rotation list would be eligible for a lead arriving at `now`, and if
 * not the engine's reason. The editor decides nothing itself: it runs a one-node workflow through
 * the engine's `startRun` and reads the skipped candidates off the step, exactly as the server
 * records them (same rules, same order, working hours in each manager's time zone).
 */
export function previewEligibility({
  emails,
  managers,
  eligibility,
  excludeCurrent = false,
  lead,
  now,
}: {
  emails: string[];
  managers: Manager[];
  eligibility: Eligibility;
  excludeCurrent?: boolean;
  lead: Record<string, FieldValue>;
  now: Date;
}): EligibilityPreview {
  if (emails.length === 0) return { ok: true, outcomes: [] };
  const byEmail = new Map<string, ManagerInfo>(
    managers.map((manager) => [managerKey(manager.email), manager]),
  );
  const workflow: WorkflowFile = {
    format: WORKFLOW_FORMAT,
    name: 'Eligibility preview',
    nodes: [
      { id: 'trigger', type: 'trigger', data: { event: 'lead.created' } },
      {
        id: ROTATION_NODE,
        type: 'updateField',
        data: {
          field: 'manager',
          operation: 'replaceWithOneOf',
          values: emails,
          eligibility,
          ...(excludeCurrent ? { excludeCurrent } : {}),
        },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', target: ROTATION_NODE }],
  };
  const ports: RunPorts = {
    now: () => now,
    loadRotation: () => null,
    manager: (email) => byEmail.get(email),
    accountManagers: () => [],
    random: () => 0,
  };
  const result = startRun(compileWorkflow(workflow), {
    event: { type: 'lead.created' },
    lead: { id: 'preview', fields: lead, tags: [] },
    ports,
  });
  if (result.status === 'failed') return { ok: false, error: (result.reason ?? '').replace(NODE_PREFIX, '') };

  const step = result.steps.find((candidate) => candidate.nodeId === ROTATION_NODE);
  // The assignment step's detail holds the engine's `Skip` list (what the run history shows).
  const skipped = (step?.detail?.skipped ?? []) as Skip[];
  const reasons = new Map(skipped.map((skip) => [skip.value, skip.reason]));
  return {
    ok: true,
    outcomes: emails.map((email): PreviewOutcome => {
      const name = byEmail.get(managerKey(email))?.name ?? email;
      const reason = reasons.get(managerKey(email));
      return reason ? { email, name, eligible: false, reason } : { email, name, eligible: true };
    }),
  };
}
