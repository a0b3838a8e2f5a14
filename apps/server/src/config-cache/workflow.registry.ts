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
  /**
   * `loadDefinition` reads a stored version synchronously (SQLite); without it, a version that is not
   * cached must be fetched first with `ensure` (PostgreSQL).
   */
  constructor(
    private readonly loadDefinition: (workflowId: string, version: number) => string | undefined = () =>
      undefined,
  ) {}

  /** Replaces the active set (rows of the active workflows in creation order, with their current definition). */
  load(rows: Array<{ id: string; version: number; definition: string }>): void {
    const active = new Map<string, RunnableWorkflow>();
    for (const row of rows) {
      const version = Number(row.version);
      const compiled = this.version(row.id, version) ?? this.compile(row.id, version, row.definition);
      active.set(row.id, { id: row.id, version, compiled });
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
    const compiled = this.compiledByVersion.get(key);
    if (compiled) return compiled;
    const definition = this.loadDefinition(workflowId, version);
    return definition === undefined ? undefined : this.compile(workflowId, version, definition);
  }

  /** Makes sure a version is cached (fetching its definition when it is not), so `version` answers synchronously. */
  async ensure(workflowId: string, version: number, fetch: () => Promise<string | undefined>): Promise<void> {
    if (this.compiledByVersion.has(`${workflowId}@${version}`)) return;
    const definition = await fetch();
    if (definition !== undefined) this.compile(workflowId, version, definition);
  }

  private compile(workflowId: string, version: number, definition: string): CompiledWorkflow {
    const compiled = compileWorkflow(JSON.parse(definition) as WorkflowFile);
    this.compiledByVersion.set(`${workflowId}@${version}`, compiled);
    return compiled;
  }

  forget(workflowId: string): void {
    for (const key of this.compiledByVersion.keys())
      if (key.startsWith(`${workflowId}@`)) this.compiledByVersion.delete(key);
  }
}
