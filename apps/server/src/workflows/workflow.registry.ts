import type { Database, Statement } from 'better-sqlite3';
import { compileWorkflow, createTriggerIndex, type CompiledWorkflow, type LeadEvent } from '@leadflow/engine';
import type { WorkflowFile } from '@leadflow/workflow';

export interface RunnableWorkflow {
  id: string;
  version: number;
  compiled: CompiledWorkflow;
}

/**
 * The compiled workflows the pipeline runs. Each version is compiled once (conditions prepared,
 * edges grouped) and kept; the active set and its trigger index are rebuilt when a workflow is
 * activated, deactivated, saved or deleted.
 */
export class WorkflowRegistry {
  private readonly compiledByVersion = new Map<string, CompiledWorkflow>();
  private active = new Map<string, RunnableWorkflow>();
  private index = createTriggerIndex([]);
  private readonly selectVersion: Statement<[string, number], { definition: string }>;

  constructor(private readonly db: Database) {
    this.selectVersion = db.prepare('SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?');
    this.reload();
  }

  reload(): void {
    const rows = this.db
      .prepare(`SELECT id, version FROM workflows WHERE active = 1 ORDER BY created_at, id`)
      .all() as Array<{ id: string; version: number }>;
    const active = new Map<string, RunnableWorkflow>();
    for (const row of rows) {
      const compiled = this.version(row.id, row.version);
      if (compiled) active.set(row.id, { id: row.id, version: row.version, compiled });
    }
    this.active = active;
    this.index = createTriggerIndex(
      [...active.values()].map((w) => ({ id: w.id, trigger: w.compiled.trigger!.trigger })),
    );
  }

  /** The active workflows that start a run for this event, in the order they were created. */
  match(event: LeadEvent): RunnableWorkflow[] {
    return this.index.match(event).map((id) => this.active.get(id)!);
  }

  /** Whether any active workflow starts a run for this event. */
  wants = (event: LeadEvent): boolean => this.index.match(event).length > 0;

  /** A version as compiled, for runs that finish on the version they started with. */
  version(workflowId: string, version: number): CompiledWorkflow | undefined {
    const key = `${workflowId}@${version}`;
    let compiled = this.compiledByVersion.get(key);
    if (!compiled) {
      const row = this.selectVersion.get(workflowId, version);
      if (!row) return undefined;
      compiled = compileWorkflow(JSON.parse(row.definition) as WorkflowFile);
      this.compiledByVersion.set(key, compiled);
    }
    return compiled;
  }

  forget(workflowId: string): void {
    for (const key of this.compiledByVersion.keys()) if (key.startsWith(`${workflowId}@`)) this.compiledByVersion.delete(key);
  }
}
