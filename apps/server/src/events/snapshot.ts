import type { LeadEvent, ManagerInfo, RotationState } from '@leadflow/engine';
import { leadToRow, type EventRef, type LeadRecord } from '../leads/lead.repository';
import type { ManagerDirectory } from '../config-cache/manager.directory';
import type { RunRecord } from '../runs/run.repository';
import type { WorkflowRegistry } from '../config-cache/workflow.registry';
import type { Assignment } from './pipeline.repository';
import type { PipelineDeps } from './process-event';

/** What the snapshot lacked: the caller fetches it and runs the event again. */
export type Miss =
  | { kind: 'rotation'; workflowId: string; nodeId: string }
  | { kind: 'openLeads'; managerId: string }
  | { kind: 'account'; by: 'company' | 'emailDomain'; key: string; exceptLeadId: string }
  | { kind: 'chain'; chainId: number }
  | { kind: 'chainOf'; eventId: number };

/** A lead of an account and its manager, as read from the database. */
export interface AccountLead {
  leadId: string;
  managerId: string;
}

const rotationKey = (workflowId: string, nodeId: string) => `${workflowId}\u0000${nodeId}`;
const accountKey = (by: string, key: string, exceptLeadId: string) =>
  `${by}\u0000${key}\u0000${exceptLeadId}`;

/**
 * `PipelineDeps` for a database that cannot answer synchronously (PostgreSQL): reads come from what
 * was loaded under the lead's and the rotations' row locks, writes are held until `flush`. The engine
 * stays synchronous and pure; when it asks for something not loaded (a manager's open leads, an
 * account's managers), the read records a `miss` and throws, the caller restores the checkpoint taken
 * before the event, fetches what was missing and runs the event again. Re-running is safe because
 * nothing reached the database and the engine has no side effects.
 */
export class Snapshot implements PipelineDeps {
  miss: Miss | null = null;
  /** Rotation states of the rows this transaction holds locked. */
  readonly rotations = new Map<string, RotationState | null>();
  readonly openLeads = new Map<string, number>();
  /** Other leads of an account as the database had them, newest first (`AccountLead`). */
  readonly accounts = new Map<string, AccountLead[]>();
  /** Runs recorded by each chain (outside event id) as this transaction has them. */
  readonly chains = new Map<number, number>();
  /** The chain of a stored event, for a resumed run's event. */
  readonly chainsOf = new Map<number, number>();

  /** The leads of this transaction (each locked), as the runs left them. */
  readonly leadsById: Map<string, LeadRecord>;
  // Writes, in the order processEvent made them.
  changedLeads = new Set<string>();
  insertedRuns: RunRecord[] = [];
  updatedRuns: RunRecord[] = [];
  doneEvents: number[] = [];
  rotationWrites = new Map<
    string,
    { workflowId: string; nodeId: string; state: RotationState; at: number }
  >();
  assignments: Assignment[] = [];
  events: Array<{ leadId: string; event: LeadEvent; depth: number; chainId: number | null; at: number }> = [];
  chainWrites = new Map<number, number>();

  /** The leads as the database has them (loaded under their locks), until `flush` writes the changes. */
  private readonly stored: Map<string, LeadRecord>;

  constructor(
    leads: Iterable<LeadRecord>,
    private readonly directory: ManagerDirectory,
    readonly workflows: WorkflowRegistry,
    readonly now: () => number,
  ) {
    this.leadsById = new Map([...leads].map((lead) => [lead.id, lead]));
    this.stored = new Map(this.leadsById);
  }

  readonly leads: PipelineDeps['leads'] = {
    get: (id) => this.leadsById.get(id),
    update: (lead) => {
      this.countMove(this.leadsById.get(lead.id), -1);
      this.countMove(lead, +1);
      this.leadsById.set(lead.id, lead);
      this.changedLeads.add(lead.id);
    },
    addEvents: (leadId, events, depth, at, wanted, chainId = null) => {
      const stored: EventRef[] = [];
      for (const event of events) {
        if (!wanted(event)) continue;
        this.events.push({ leadId, event, depth, chainId, at });
        stored.push({ id: 0, leadId });
      }
      return stored;
    },
  };

  readonly runs: PipelineDeps['runs'] = {
    insert: (run) => void this.insertedRuns.push(run),
    update: (run) => void this.updatedRuns.push(run),
  };

  readonly store: PipelineDeps['store'] = {
    done: (eventId) => void this.doneEvents.push(eventId),
    rotation: (workflowId, nodeId) => {
      const key = rotationKey(workflowId, nodeId);
      if (!this.rotations.has(key)) return this.missing({ kind: 'rotation', workflowId, nodeId });
      return this.rotations.get(key) ?? null;
    },
    saveRotation: (workflowId, nodeId, state, at) => {
      this.rotations.set(rotationKey(workflowId, nodeId), state);
      this.rotationWrites.set(rotationKey(workflowId, nodeId), { workflowId, nodeId, state, at });
    },
    logAssignment: (a) => void this.assignments.push(a),
    accountManagerIds: (by, key, exceptLeadId) => {
      const stored =
        this.accounts.get(accountKey(by, key, exceptLeadId)) ??
        this.missing({ kind: 'account', by, key, exceptLeadId });
      return this.accountView(by, key, exceptLeadId, stored);
    },
    chainRuns: (chainId) => this.chains.get(chainId) ?? this.missing({ kind: 'chain', chainId }),
    setChainRuns: (chainId, runs) => {
      this.chains.set(chainId, runs);
      this.chainWrites.set(chainId, runs);
    },
    chainOf: (eventId) => this.chainsOf.get(eventId) ?? this.missing({ kind: 'chainOf', eventId }),
  };

  readonly managers: PipelineDeps['managers'] = {
    emailOf: (id) => this.directory.emailOf(id),
    info: (email) => {
      const info = this.directory.info(email);
      const manager = this.directory.byEmailOrUndefined(email);
      if (!info || !manager) return info;
      const counts = this.openLeads;
      const missing = () => this.missing({ kind: 'openLeads', managerId: manager.id });
      return Object.defineProperty({ ...info, openLeads: 0 }, 'openLeads', {
        get: () => counts.get(manager.id) ?? missing(),
      }) as ManagerInfo;
    },
  };

  setRotation(workflowId: string, nodeId: string, state: RotationState | null): void {
    this.rotations.set(rotationKey(workflowId, nodeId), state);
  }

  hasRotation(workflowId: string, nodeId: string): boolean {
    return this.rotations.has(rotationKey(workflowId, nodeId));
  }

  /**
   * Open-lead counts read from the database, made true for this round: a run of an earlier event in
   * the round may have given one of its leads a manager (or closed it) that the database does not
   * show yet.
   */
  setOpenLeads(counts: Map<string, number>): void {
    for (const id of this.changedLeads) {
      countIn(counts, this.stored.get(id), -1, this.directory);
      countIn(counts, this.leadsById.get(id), +1, this.directory);
    }
    for (const [id, n] of counts) this.openLeads.set(id, n);
  }

  setAccount(by: string, key: string, exceptLeadId: string, leads: AccountLead[]): void {
    this.accounts.set(accountKey(by, key, exceptLeadId), leads);
  }

  /** The state before an event, to return to when the event must run again. */
  checkpoint() {
    return {
      leads: new Map(this.leadsById),
      changedLeads: new Set(this.changedLeads),
      lengths: [
        this.insertedRuns.length,
        this.updatedRuns.length,
        this.doneEvents.length,
        this.assignments.length,
        this.events.length,
      ],
      rotations: new Map(this.rotations),
      rotationWrites: new Map(this.rotationWrites),
      openLeads: new Map(this.openLeads),
      chains: new Map(this.chains),
      chainWrites: new Map(this.chainWrites),
    };
  }

  restore(checkpoint: ReturnType<Snapshot['checkpoint']>): void {
    const [runs, updated, done, assignments, events] = checkpoint.lengths;
    replace(this.leadsById, checkpoint.leads);
    this.changedLeads = checkpoint.changedLeads;
    this.insertedRuns.length = runs;
    this.updatedRuns.length = updated;
    this.doneEvents.length = done;
    this.assignments.length = assignments;
    this.events.length = events;
    replace(this.rotations, checkpoint.rotations);
    replace(this.rotationWrites, checkpoint.rotationWrites);
    replace(this.openLeads, checkpoint.openLeads);
    replace(this.chains, checkpoint.chains);
    replace(this.chainWrites, checkpoint.chainWrites);
    this.miss = null;
  }

  private missing(miss: Miss): never {
    this.miss ??= miss;
    throw new Error('not loaded yet; the event runs again once it is');
  }

  /**
   * The account's managers, newest lead first, as this transaction sees them: a lead the round has
   * changed (given a manager, say: two leads of one company arriving together) counts as it is now,
   * not as the database still has it.
   */
  private accountView(
    by: 'company' | 'emailDomain',
    key: string,
    exceptLeadId: string,
    stored: AccountLead[],
  ): string[] {
    const changed: AccountLead[] = [];
    for (const id of this.changedLeads) {
      if (id === exceptLeadId) continue;
      const row = leadToRow(this.leadsById.get(id)!, this.directory);
      if (row.managerId && (by === 'company' ? row.companyKey : row.emailDomain) === key)
        changed.push({ leadId: id, managerId: row.managerId });
    }
    const leads = stored.filter((lead) => !this.changedLeads.has(lead.leadId)).concat(changed);
    // Lead ids are UUIDv7: their order is the order of creation.
    if (changed.length > 0) leads.sort((a, b) => (a.leadId < b.leadId ? 1 : -1));
    return leads.map((lead) => lead.managerId);
  }

  /** Keeps loaded open-lead counts true when a run moves this lead between managers or closes it. */
  private countMove(lead: LeadRecord | undefined, delta: number): void {
    if (this.openLeads.size > 0) countIn(this.openLeads, lead, delta, this.directory);
  }
}

/** Adds `delta` to the count of the lead's manager, if the lead is open and that count is there. */
function countIn(
  counts: Map<string, number>,
  lead: LeadRecord | undefined,
  delta: number,
  directory: ManagerDirectory,
): void {
  if (!lead) return;
  const row = leadToRow(lead, directory);
  if (row.managerId && row.open && counts.has(row.managerId))
    counts.set(row.managerId, counts.get(row.managerId)! + delta);
}

function replace<K, V>(target: Map<K, V>, source: Map<K, V>): void {
  target.clear();
  for (const [k, v] of source) target.set(k, v);
}
