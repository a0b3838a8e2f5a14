import { normalizeManagerValue, type FieldValue } from '@leadflow/workflow';
import type { Run, RunStep } from '../api/client';
import { shortId } from '../components/format';
import { MANAGER_FIELD } from '../insight/rotation-figures';

const text = (value: FieldValue | undefined): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/**
 * What a lead goes by in lists: its name, else its email, else its company; its short id
 * (`01a229dc…`) only when it has none of them or has not loaded (`lead` undefined).
 */
export function leadName(leadId: string, lead?: { fields: Record<string, FieldValue> }): string {
  const fields = lead?.fields ?? {};
  return text(fields.name) || text(fields.email) || text(fields.company) || shortId(leadId);
}

/** The path of the Leads page with this lead open. */
export const leadPath = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;

/** Where a lead's manager came from: the run (workflow and version) and its step that set it. */
export interface OwnerOrigin {
  run: Run;
  step: RunStep;
}

const setsManager = (step: RunStep) =>
  step.type === 'updateField' && step.outcome === 'changed' && step.detail?.field === MANAGER_FIELD;

/**
 * The run step that gave the lead the manager it has now (`manager`, an email or null): the latest
 * manager change among the lead's runs, when it set this very manager. Null when no run changed the
 * manager, or when the latest change set someone else (the manager was then changed by hand).
 */
export function ownerOrigin(runs: readonly Run[], manager: FieldValue | undefined): OwnerOrigin | null {
  let latest: OwnerOrigin | null = null;
  for (const run of runs)
    for (const step of run.steps)
      if (setsManager(step) && (!latest || step.at >= latest.step.at)) latest = { run, step };
  if (!latest) return null;
  const given = normalizeManagerValue((latest.step.detail?.to ?? null) as FieldValue);
  return given === normalizeManagerValue(manager ?? null) ? latest : null;
}

/**
 * The lead's owner in words: "Bo Chen, given by workflow “Inbound routing” v3", "nobody", or
 * "Bo Chen, not given by a workflow" when no run set the manager the lead has.
 */
export function ownerWords(
  manager: FieldValue | undefined,
  origin: OwnerOrigin | null,
  managerName: (email: string) => string,
  workflowName: (workflowId: string) => string,
): string {
  const who =
    manager === null || manager === undefined || manager === '' ? 'nobody' : managerName(String(manager));
  if (!origin) return who === 'nobody' ? who : `${who}, not given by a workflow`;
  const { run } = origin;
  return `${who}, ${who === 'nobody' ? 'cleared' : 'given'} by workflow “${workflowName(run.workflowId)}” v${run.workflowVersion}`;
}
