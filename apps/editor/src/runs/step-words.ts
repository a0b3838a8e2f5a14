import type { SkipReason } from '@leadflow/engine';
import type { RunStep } from '../api/client';
import { when } from '../components/format';
import { describeDuration } from '../document/describe';
import { SKIP_REASON_TEXT } from '../node-settings/eligibility-preview';
import { MANAGER_FIELD } from '../insight/rotation-figures';

/**
 * What a step of a run did, in words: `text`, with `given` (the value an assignment gave) to be
 * stressed after it, then `because`; `skipped` lists the candidates passed over and why.
 */
export interface StepWords {
  text: string;
  given?: string;
  because?: string;
  skipped?: string;
}

// The engine's reasons for the value it gave (replace-with-one-of and its strategies).
const GIVEN_BECAUSE: Record<string, string> = {
  rotation: 'rotation',
  owedTurn: 'owed turn (was skipped before)',
  weighted: 'weighted',
  leastLoaded: 'least loaded',
  random: 'random',
};

const ACCOUNT_BY: Record<string, string> = { company: 'company', emailDomain: 'email domain' };

interface AssignmentDetail {
  field: string;
  from: unknown;
  given: unknown;
  reason?: string;
  skipped: { value: unknown; reason: string }[];
  account?: { by: string; key: string };
}

// An assignment's detail has `given` and `skipped` (run-workflow.ts); a plain field update has neither.
const isAssignment = (
  detail: Record<string, unknown> | undefined,
): detail is Record<string, unknown> & AssignmentDetail =>
  !!detail && 'given' in detail && Array.isArray(detail.skipped);

function because(detail: AssignmentDetail): string {
  if (detail.reason === 'sticky') {
    const account = detail.account;
    return account
      ? `same account (${ACCOUNT_BY[account.by] ?? account.by} “${account.key}”)`
      : 'same account';
  }
  return GIVEN_BECAUSE[detail.reason ?? ''] ?? detail.reason ?? '';
}

function nobody(detail: AssignmentDetail, manager: boolean): string {
  const who = manager ? 'Nobody' : 'Nothing';
  if (detail.reason === 'noValues') return `${who} could be given: the list is empty`;
  if (detail.reason === 'noEligibleValue')
    return `${who} could be given: every ${manager ? 'rep' : 'value'} was skipped`;
  return `${who} could be given${detail.reason ? ` (${detail.reason})` : ''}`;
}

/**
 * What a filter compared, from its step's `detail.values` (`{"lead.country": "FR"}`), as the canvas
 * names fields: `country was "FR", dealValue was 500`; a manager by name, a missing value `empty`.
 * Undefined when there is nothing to say.
 */
export function comparedValues(values: unknown, managerName: (email: string) => string): string | undefined {
  if (!values || typeof values !== 'object' || Array.isArray(values)) return undefined;
  const parts = Object.entries(values).map(([path, value]) => {
    const name = path.replace(/^lead\./, '');
    if (value === null || value === undefined || value === '') return `${name} was empty`;
    if (name === MANAGER_FIELD && typeof value === 'string') return `${name} was ${managerName(value)}`;
    return `${name} was ${typeof value === 'string' || typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
  });
  return parts.length > 0 ? parts.join(', ') : undefined;
}

// What a node without a label is called in a run's steps.
const NODE_TYPE_WORDS: Record<string, string> = {
  trigger: 'Trigger',
  filter: 'Filter',
  updateField: 'Update field',
  addTag: 'Add tag',
  removeTag: 'Remove tag',
  wait: 'Wait',
  split: 'Split',
};

/**
 * The name a step's node goes by: its `data.label` when the workflow (`nodes`, by id) gives it one,
 * else its type in words ("Filter", "Update field"). Never the node's id.
 */
export function stepNodeName(
  step: Pick<RunStep, 'nodeId' | 'type'>,
  nodes?: ReadonlyMap<string, { data?: unknown }>,
): string {
  const data = nodes?.get(step.nodeId)?.data as { label?: unknown } | undefined;
  const label = typeof data?.label === 'string' ? data.label.trim() : '';
  return label || NODE_TYPE_WORDS[step.type] || step.type;
}

/**
 * A run step in words, as the run history is read: "Gave Bo Chen — rotation", "Skipped: Ada
 * Lovelace (away)", "Failed the filter — country was "FR"", "status: “New” → “Won”". Managers are named with
 * `managerName` (their email when unknown); skip reasons read as in the eligibility preview.
 */
export function describeStep(step: RunStep, managerName: (email: string) => string): StepWords {
  const detail = step.detail;
  const field = typeof detail?.field === 'string' ? detail.field : '';
  const manager = field === MANAGER_FIELD;
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return manager ? 'nobody' : 'empty';
    if (typeof value === 'string') return manager ? managerName(value) : `“${value}”`;
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };

  if (step.type === 'updateField' && isAssignment(detail)) {
    const skipped =
      detail.skipped.length > 0
        ? detail.skipped
            .map(
              (skip) =>
                `${manager && typeof skip.value === 'string' ? managerName(skip.value) : show(skip.value)} ` +
                `(${SKIP_REASON_TEXT[skip.reason as SkipReason] ?? skip.reason})`,
            )
            .join(', ')
        : undefined;
    if (detail.given === null) return { text: nobody(detail, manager), ...(skipped ? { skipped } : {}) };
    const unchanged = step.outcome === 'unchanged' ? ', no change' : '';
    return {
      text: 'Gave',
      given: manager ? show(detail.given) : `${field} ${show(detail.given)}`,
      because: `${because(detail)}${unchanged}`,
      ...(skipped ? { skipped } : {}),
    };
  }

  switch (step.type) {
    case 'trigger':
      return { text: step.outcome === 'matched' ? 'Started by the trigger' : step.outcome };
    case 'filter': {
      const compared = comparedValues(detail?.values, managerName);
      return {
        text:
          step.outcome === 'pass'
            ? 'Passed the filter'
            : step.outcome === 'fail'
              ? 'Failed the filter'
              : step.outcome,
        ...(compared ? { because: compared } : {}),
      };
    }
    case 'split':
      return { text: `Took branch ${String(detail?.branch ?? step.outcome)}` };
    case 'wait':
      if (step.outcome === 'resumed') return { text: 'Resumed after the wait' };
      return {
        text:
          typeof detail?.until === 'string'
            ? `Waits ${describeDuration(detail.duration)}, until ${when(detail.until)}`
            : `Waits ${describeDuration(detail?.duration)}`,
      };
    case 'addTag':
      return {
        text:
          step.outcome === 'changed'
            ? `Added tag “${String(detail?.tag)}”`
            : `Tag “${String(detail?.tag)}” was there already`,
      };
    case 'removeTag':
      return {
        text:
          step.outcome === 'changed'
            ? `Removed tag “${String(detail?.tag)}”`
            : `Tag “${String(detail?.tag)}” was not there`,
      };
    case 'updateField':
      if (detail && 'to' in detail)
        return {
          text:
            step.outcome === 'changed'
              ? `${field}: ${show(detail.from)} → ${show(detail.to)}`
              : `${field} was ${show(detail.to)} already`,
        };
      return { text: step.outcome };
    default:
      return { text: step.outcome };
  }
}
