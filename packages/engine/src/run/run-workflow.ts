import { hasTag, MAX_LEAD_TAGS, withoutTag, type FieldValue } from '@leadflow/workflow';
import { assignOneOf } from '../assignment/replace-with-one-of';
import { seededRandom } from '../assignment/random.strategy';
import { withConditionMeter } from '../conditions/condition';
import { ConditionMeter } from '../conditions/metered-logic';
import { readPaths } from '../conditions/condition-reads';
import { durationToMs } from '../duration';
import { EngineError, isEngineError } from '../engine-error';
import type { CompiledNode, CompiledWorkflow } from '../graph/compile-workflow';
import { branchOfBucket, splitBucket } from '../split/split';
import type {
  Lead,
  LeadChange,
  LeadEvent,
  ResumePoint,
  RotationState,
  RunPorts,
  RunResult,
  Step,
} from '../types';

interface Run {
  workflow: CompiledWorkflow;
  event: LeadEvent;
  ports: RunPorts;
  /** The run's own copy of the lead; actions change it at once. */
  lead: Lead;
  steps: Step[];
  changes: LeadChange[];
  rotations: Record<string, RotationState>;
  /** What the run's conditions have spent of their budget (`CONDITION_BUDGET`). */
  meter: ConditionMeter;
}

type Execution =
  | { outcome: string; detail?: Record<string, unknown>; next: readonly string[] }
  | { outcome: 'scheduled'; detail: Record<string, unknown>; until: Date };

const NONE: readonly string[] = [];

function beginRun(workflow: CompiledWorkflow, input: { event: LeadEvent; lead: Lead; ports: RunPorts }): Run {
  return {
    workflow,
    event: { ...input.event },
    ports: input.ports,
    lead: { id: input.lead.id, fields: { ...input.lead.fields }, tags: [...input.lead.tags] },
    steps: [],
    changes: [],
    rotations: {},
    meter: new ConditionMeter(input.ports.conditionBudget),
  };
}

function result(run: Run, status: RunResult['status'], extra: Partial<RunResult> = {}): RunResult {
  return {
    status,
    steps: run.steps,
    lead: run.lead,
    changes: run.changes,
    rotations: run.rotations,
    ...extra,
  };
}

const leadData = (lead: Lead): Record<string, unknown> => ({
  ...lead.fields,
  id: lead.id,
  tags: [...lead.tags],
});

function setField(run: Run, field: string, to: FieldValue): { changed: boolean; from: FieldValue } {
  const from = run.lead.fields[field] ?? null;
  if (from === to) return { changed: false, from };
  run.lead.fields[field] = to;
  run.changes.push({ kind: 'field', field, from, to });
  return { changed: true, from };
}

// Without an injected source, a generator seeded by the lead, the node and the time keeps the run pure
// and reproducible.
function randomSource(run: Run, nodeId: string, now: Date): () => number {
  const { ports } = run;
  return ports.random
    ? () => (ports.random as () => number)()
    : seededRandom(`${run.lead.id}:${nodeId}:${now.toISOString()}`);
}

function execute(run: Run, node: CompiledNode, now: Date): Execution {
  switch (node.type) {
    case 'trigger':
      return { outcome: 'matched', next: node.out.all };
    case 'filter': {
      const data = { lead: leadData(run.lead), event: run.event };
      const outcome = node.condition.test(data) ? 'pass' : 'fail';
      // What the condition compared, so a reader sees why (`{"lead.country": "FR"}`).
      const detail = node.reads.length > 0 ? { values: readPaths(node.reads, data) } : undefined;
      return { outcome, detail, next: node.out.byHandle.get(outcome) ?? NONE };
    }
    case 'updateField': {
      if (node.operation !== 'replaceWithOneOf') {
        const to = node.operation === 'set' ? node.value : null;
        const { changed, from } = setField(run, node.field, to);
        return {
          outcome: changed ? 'changed' : 'unchanged',
          detail: { field: node.field, from, to },
          next: node.out.all,
        };
      }
      const { assignment } = node;
      let random: (() => number) | undefined;
      const assigned = assignOneOf(assignment, {
        nodeId: node.id,
        lead: run.lead,
        event: run.event,
        leadData: () => leadData(run.lead),
        ports: run.ports,
        now,
        random: () => (random ??= randomSource(run, node.id, now))(),
      });
      if (!assigned.given) {
        const from = run.lead.fields[node.field] ?? null;
        return {
          outcome: 'unchanged',
          detail: {
            field: node.field,
            from,
            to: from,
            given: null,
            strategy: assignment.strategy,
            reason: assigned.reason,
            skipped: assigned.skipped,
          },
          next: node.out.byHandle.get('none') ?? NONE,
        };
      }
      if (assigned.state) run.rotations[node.id] = assigned.state;
      const { changed, from } = setField(run, node.field, assigned.value);
      return {
        outcome: changed ? 'changed' : 'unchanged',
        detail: {
          field: node.field,
          from,
          to: assigned.value,
          given: assigned.value,
          strategy: assignment.strategy,
          reason: assigned.reason,
          skipped: assigned.skipped,
          ...(assigned.account ? { account: assigned.account } : {}),
        },
        next: node.out.exceptNone,
      };
    }
    case 'addTag': {
      // Tags compare case-blind: `Hot` on the lead is the tag `hot`, and keeps its spelling.
      const present = hasTag(run.lead.tags, node.tag);
      // The lead holds as many tags as the API allows: the tag is not added, and the step says why.
      if (!present && run.lead.tags.length >= MAX_LEAD_TAGS) {
        return {
          outcome: 'unchanged',
          detail: { tag: node.tag, reason: `the lead has ${MAX_LEAD_TAGS} tags, the most it can hold` },
          next: node.out.all,
        };
      }
      const changed = !present;
      if (changed) {
        run.lead.tags.push(node.tag);
        run.changes.push({ kind: 'tagAdded', tag: node.tag });
      }
      return { outcome: changed ? 'changed' : 'unchanged', detail: { tag: node.tag }, next: node.out.all };
    }
    case 'removeTag': {
      const changed = hasTag(run.lead.tags, node.tag);
      if (changed) {
        run.lead.tags = withoutTag(run.lead.tags, node.tag);
        run.changes.push({ kind: 'tagRemoved', tag: node.tag });
      }
      return { outcome: changed ? 'changed' : 'unchanged', detail: { tag: node.tag }, next: node.out.all };
    }
    case 'wait': {
      const until = new Date(now.getTime() + durationToMs(node.duration));
      return { outcome: 'scheduled', detail: { duration: node.duration, until: until.toISOString() }, until };
    }
    case 'split': {
      const bucket = splitBucket(run.lead.id, node.id);
      const branch = branchOfBucket(bucket, node.branches);
      if (!branch) throw new EngineError('split_without_branches', 'the split has no branches');
      return {
        outcome: branch.id,
        detail: { branch: branch.id, bucket },
        next: node.out.byHandle.get(branch.id) ?? NONE,
      };
    }
  }
}

/** The reason of a run whose conditions went over their budget (`CONDITION_BUDGET`). */
export const CONDITION_BUDGET_REASON = 'conditionBudget';

const pushInOrder = (stack: string[], next: readonly string[]) => {
  // Reversed, so the first edge is popped first: depth first in edge order.
  for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
};

function walk(run: Run, stack: string[], visited: Set<string>): RunResult {
  while (stack.length > 0) {
    const id = stack.pop() as string;
    // Checked at pop, not at push: where paths meet, the first arrival runs the node.
    if (visited.has(id)) continue;
    const node = run.workflow.nodes.get(id);
    if (!node) continue;
    visited.add(id);
    const now = run.ports.now();
    let execution: Execution;
    try {
      execution = withConditionMeter(run.meter, () => execute(run, node, now));
    } catch (error) {
      if (isEngineError(error, 'condition_budget'))
        return result(run, 'failed', { reason: CONDITION_BUDGET_REASON });
      const message = error instanceof Error ? error.message : String(error);
      return result(run, 'failed', { reason: `node "${id}" (${node.type}): ${message}` });
    }
    const step: Step = { nodeId: id, type: node.type, outcome: execution.outcome, at: now.toISOString() };
    if (execution.detail) step.detail = execution.detail;
    run.steps.push(step);
    if ('until' in execution) {
      return result(run, 'waiting', {
        wait: { until: execution.until, resume: { nodeId: id, stack: [...stack], visited: [...visited] } },
      });
    }
    pushInOrder(stack, execution.next);
  }
  return result(run, 'completed');
}

/**
 * Runs a workflow for one event of one lead, from its trigger, depth first in edge order, each node
 * at most once. Pure: it reads the world only through `ports` and changes nothing; the caller stores
 * what the result says (the lead's `changes`, the `rotations`, the `steps`, and for `waiting` the
 * `wait.resume` point to hand to `resumeRun` at `wait.until`). The input lead is never mutated.
 * A node that throws ends the run as `failed` with the reason; the result then holds the steps,
 * changes and rotations of the nodes before it. All the conditions a run tests share one budget
 * (`ports.conditionBudget`, by default `CONDITION_BUDGET`): past it the run ends `failed` with the
 * reason `conditionBudget` (`CONDITION_BUDGET_REASON`).
 */
export function startRun(
  workflow: CompiledWorkflow,
  input: { event: LeadEvent; lead: Lead; ports: RunPorts },
): RunResult {
  const run = beginRun(workflow, input);
  if (!workflow.trigger) return result(run, 'failed', { reason: 'the workflow has no trigger' });
  return walk(run, [workflow.trigger.id], new Set());
}

/**
 * Continues a run suspended at a wait node, with the lead as it is now: records the wait's
 * `resumed` step, then walks its successors and then the rest of the saved stack.
 * Pass the compiled version the run started on.
 */
export function resumeRun(
  workflow: CompiledWorkflow,
  input: { resume: ResumePoint; event: LeadEvent; lead: Lead; ports: RunPorts },
): RunResult {
  const run = beginRun(workflow, input);
  const { resume } = input;
  const node = workflow.nodes.get(resume.nodeId);
  if (!node || node.type !== 'wait') {
    return result(run, 'failed', {
      reason: `cannot resume at "${resume.nodeId}": it is not a wait node of this workflow`,
    });
  }
  run.steps.push({ nodeId: node.id, type: 'wait', outcome: 'resumed', at: run.ports.now().toISOString() });
  const stack = [...resume.stack];
  pushInOrder(stack, node.out.all);
  return walk(run, stack, new Set([...resume.visited, node.id]));
}
