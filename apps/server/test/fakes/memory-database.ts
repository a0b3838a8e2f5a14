import type { LeadEvent, RotationState } from '@leadflow/engine';
import type { WorkflowFile } from '@leadflow/workflow';
import type { Transaction } from '../../src/database/connection';
import type { FieldEntity } from '../../src/database/entities/field.entity';
import type { ManagerEntity } from '../../src/database/entities/manager.entity';
import type { leadToRow } from '../../src/leads/lead.repository';
import type { RunRecord } from '../../src/runs/run.repository';
import type { WorkflowRow } from '../../src/workflows/workflow.repository';

/** A lead as the tables hold it: the columns `leadToRow` derives (manager by id, open, status). */
export type StoredLead = ReturnType<typeof leadToRow>;

/** An outbox row. */
export interface StoredEvent {
  id: number;
  leadId: string;
  event: LeadEvent;
  createdAt: number;
  status: 'pending' | 'done';
}

/** A row of the assignment log: a value a node gave a lead. */
export interface StoredAssignment {
  workflowId: string;
  nodeId: string;
  value: string;
  leadId: string;
  at: number;
}

/** The tables, as plain maps and lists: what one transaction may change and a rollback restores. */
export interface Tables {
  managers: Map<string, ManagerEntity>;
  fields: Map<string, FieldEntity>;
  workflows: Map<string, WorkflowRow>;
  /** Keyed `workflowId@version`. */
  versions: Map<string, WorkflowFile>;
  leads: Map<string, StoredLead>;
  events: StoredEvent[];
  runs: Map<string, RunRecord>;
  /** Keyed `workflowId/nodeId`. */
  rotations: Map<string, RotationState>;
  assignments: StoredAssignment[];
  /** The config version (`config_state`), bumped by every config write. */
  configVersion: number;
}

/** The handle a fake transaction passes to the repositories; only the open one is accepted. */
class MemoryTransaction {}

/**
 * The database of the unit tests: every table in memory, shared by the fake repositories the way
 * the real ones share one database, so what one service writes another reads. A transaction
 * (`transaction`) runs one at a time and is rolled back whole when its work throws.
 */
export class MemoryDatabase {
  tables: Tables = {
    managers: new Map(),
    fields: new Map(),
    workflows: new Map(),
    versions: new Map(),
    leads: new Map(),
    events: [],
    runs: new Map(),
    rotations: new Map(),
    assignments: [],
    configVersion: 0,
  };
  private open: MemoryTransaction | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs `fn` in a transaction: its writes stay when it resolves and are undone when it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const run = async () => {
      const before = structuredClone(this.tables);
      const tx = new MemoryTransaction();
      this.open = tx;
      try {
        return await fn(tx as unknown as Transaction);
      } catch (error) {
        this.tables = before;
        throw error;
      } finally {
        this.open = null;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Throws unless `tx` is the transaction in progress: a write outside it would not be atomic. */
  assertInTransaction(tx: Transaction | undefined): void {
    if (tx === undefined || (tx as unknown) !== this.open) throw new Error('written outside its transaction');
  }

  /** The next outbox id. */
  nextEventId(): number {
    return (this.tables.events.at(-1)?.id ?? 0) + 1;
  }
}

export const versionKey = (workflowId: string, version: number): string => `${workflowId}@${version}`;
export const nodeKey = (workflowId: string, nodeId: string): string => `${workflowId}/${nodeId}`;
