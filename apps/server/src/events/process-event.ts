import {
  MAX_EVENT_DEPTH as MAX_DEPTH,
  resumeRun,
  startRun,
  type LeadEvent,
  type RunPorts,
  type RunResult,
} from '@leadflow/engine';
import { newId } from '../common/ids';
import type { LeadRecord } from '../leads/lead.repository';
import type { SqliteLeadRepository } from '../leads/lead.repository.sqlite';
import type { ManagerDirectory } from '../config-cache/manager.directory';
import type { RunRecord } from '../runs/run.repository';
import type { SqliteRunRepository } from '../runs/run.repository.sqlite';
import type { WorkflowRegistry } from '../config-cache/workflow.registry';
import type { StoredEvent } from './pipeline.repository';
import type { SqlitePipelineRepository } from './pipeline.repository.sqlite';

/**
 * One outside event and everything its runs cause make at most this many runs; one more is then
 * recorded as skipped (`RUN_BUDGET_REASON`) and nothing else of the chain runs or is stored. The
 * depth limit bounds how deep a chain goes, this how wide: four assignments that each trigger the
 * others would otherwise make hundreds of thousands of runs within depth 8.
 */
export const RUN_BUDGET = 1000;
export const RUN_BUDGET_REASON = 'runBudget';

/**
 * What processing an event reads and writes, synchronously, inside the caller's transaction. On
 * SQLite these are the prepared-statement stores themselves; on PostgreSQL a snapshot read under row
 * locks that holds the writes until they are flushed (pipeline/snapshot.ts). Either way this file
 * is the one place that decides what an event does.
 */
export interface PipelineDeps {
  leads: Pick<SqliteLeadRepository, 'get' | 'update' | 'addEvents'>;
  runs: Pick<SqliteRunRepository, 'insert' | 'update'>;
  store: Pick<
    SqlitePipelineRepository,
    | 'done'
    | 'rotation'
    | 'saveRotation'
    | 'logAssignment'
    | 'accountManagerIds'
    | 'chainRuns'
    | 'setChainRuns'
    | 'chainOf'
  >;
  managers: Pick<ManagerDirectory, 'info' | 'emailOf'>;
  workflows: Pick<WorkflowRegistry, 'match' | 'version' | 'wants'>;
  now: () => number;
}

/**
 * Runs every active workflow whose trigger matches a stored event, one after another in creation
 * order, and marks the event done. The caller wraps this in one transaction: the lead's changes,
 * the strategies' moves, the runs, the events they cause and the event's `done` commit together
 * or not at all, so a crash can neither lose the event nor run it twice. Every run counts against
 * the run budget of the event's chain (`RUN_BUDGET`).
 */
export function processEvent(deps: PipelineDeps, stored: StoredEvent): RunRecord[] {
  const at = deps.now();
  const runs: RunRecord[] = [];
  let lead = deps.leads.get(stored.leadId);
  const matched = lead ? deps.workflows.match(stored.event) : [];
  if (lead && matched.length > 0) {
    // An outside event starts its chain: nothing can have counted against it yet (its runs commit with
    // it or not at all), so the hot path reads no chain row.
    const before = stored.depth === 0 ? 0 : deps.store.chainRuns(stored.chainId);
    let spent = before;
    // Whether the chain goes on past this event: only then must its count be stored for what follows.
    let continues = stored.depth > 0;
    for (const workflow of matched) {
      // Past the budget and its one skipped run, the chain leaves no trace.
      if (spent > RUN_BUDGET) break;
      const run = newRun(workflow.id, workflow.version, stored, at);
      spent++;
      if (spent > RUN_BUDGET) {
        run.status = 'skipped';
        run.reason = RUN_BUDGET_REASON;
        run.finishedAt = at;
      } else if (stored.depth > MAX_DEPTH) {
        run.status = 'skipped';
        run.reason = `the chain of events caused by runs reached depth ${stored.depth}; runs stop past depth ${MAX_DEPTH} to break loops`;
        run.finishedAt = at;
      } else {
        const result = startRun(workflow.compiled, {
          event: stored.event,
          lead,
          ports: ports(deps, workflow.id),
        });
        const applied = apply(deps, run, result, lead, at, stored.chainId);
        lead = applied.lead;
        continues ||= applied.continues;
      }
      deps.runs.insert(run);
      runs.push(run);
    }
    if (continues && spent !== before) deps.store.setChainRuns(stored.chainId, spent);
  }
  deps.store.done(stored.id, at);
  return runs;
}

/** Resumes a run whose `wait` is due, on the version it started with. */
export function resumeDueRun(deps: PipelineDeps, run: RunRecord): RunRecord {
  const at = deps.now();
  const compiled = deps.workflows.version(run.workflowId, run.workflowVersion);
  const lead = deps.leads.get(run.leadId);
  if (!compiled || !lead || !run.resume) {
    return finish(
      deps,
      run,
      'skipped',
      !compiled ? 'the workflow was deleted' : 'the lead no longer exists',
      at,
    );
  }
  const result = resumeRun(compiled, {
    resume: run.resume,
    event: run.event,
    lead,
    ports: ports(deps, run.workflowId),
  });
  apply(deps, run, result, lead, at, deps.store.chainOf(run.eventId));
  deps.runs.update(run);
  return run;
}

/** Ends a waiting run without resuming it (its workflow was deactivated or deleted). */
export function finish(
  deps: PipelineDeps,
  run: RunRecord,
  status: 'skipped',
  reason: string,
  at = deps.now(),
): RunRecord {
  Object.assign(run, { status, reason, finishedAt: at, resume: null, wakeAt: null });
  deps.runs.update(run);
  return run;
}

function newRun(workflowId: string, version: number, stored: StoredEvent, at: number): RunRecord {
  return {
    id: newId(),
    workflowId,
    workflowVersion: version,
    leadId: stored.leadId,
    eventId: stored.id,
    event: stored.event,
    depth: stored.depth,
    status: 'running',
    reason: null,
    steps: [],
    startedAt: at,
    finishedAt: null,
    resume: null,
    wakeAt: null,
  };
}

/**
 * Records a run's result and commits what it changed; returns the lead as later runs see it, and
 * whether the chain goes on (the run waits, or it caused events that were stored).
 */
function apply(
  deps: PipelineDeps,
  run: RunRecord,
  result: RunResult,
  lead: LeadRecord,
  at: number,
  chainId: number,
): { lead: LeadRecord; continues: boolean } {
  run.steps = [...run.steps, ...result.steps];
  run.status = result.status;
  run.reason = result.reason ?? null;
  run.resume = result.wait?.resume ?? null;
  run.wakeAt = result.wait ? result.wait.until.getTime() : null;
  run.finishedAt = result.status === 'waiting' ? null : at;
  const waits = result.status === 'waiting';
  // A failed run changes nothing: its steps say how far it got.
  if (result.status === 'failed') return { lead, continues: false };

  for (const [nodeId, state] of Object.entries(result.rotations)) {
    deps.store.saveRotation(run.workflowId, nodeId, state, at);
  }
  // What each assignment gave and each split chose, for the insight endpoints.
  for (const step of result.steps) {
    const value = step.type === 'split' ? step.outcome : step.detail?.given;
    if (value !== undefined && value !== null) {
      deps.store.logAssignment({
        workflowId: run.workflowId,
        nodeId: step.nodeId,
        value: String(value),
        runId: run.id,
        leadId: run.leadId,
        at,
      });
    }
  }
  if (result.changes.length === 0) return { lead, continues: waits };

  const updated = { ...lead, fields: result.lead.fields, tags: result.lead.tags, updatedAt: at };
  deps.leads.update(updated);
  const caused: LeadEvent[] = [];
  for (const change of result.changes) {
    if (change.kind === 'field')
      caused.push({ type: 'lead.fieldUpdated', field: change.field, from: change.from, to: change.to });
    else if (change.kind === 'tagAdded') caused.push({ type: 'lead.tagAdded', tag: change.tag });
  }
  const stored = deps.leads.addEvents(lead.id, caused, run.depth + 1, at, deps.workflows.wants, chainId);
  return { lead: updated, continues: waits || stored.length > 0 };
}

function ports(deps: PipelineDeps, workflowId: string): RunPorts {
  return {
    now: () => new Date(deps.now()),
    loadRotation: (nodeId) => deps.store.rotation(workflowId, nodeId),
    manager: (email) => deps.managers.info(email),
    accountManagers: (by, key, exceptLeadId) =>
      deps.store
        .accountManagerIds(by, key, exceptLeadId)
        .map((id) => deps.managers.emailOf(id))
        .filter((email): email is string => email !== null),
  };
}
