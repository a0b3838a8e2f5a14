import { Injectable } from '@nestjs/common';
import { checkActivation, exportWorkflow, parseWorkflow, type Workflow, type WorkflowFile } from '@leadflow/workflow';
import { AppContext } from '../app.context';
import { ApiError, type Issue } from '../common/api-error';
import { newId } from '../common/ids';
import { finish } from '../pipeline/process-event';
import { WorkflowEntity, WorkflowVersionEntity } from './workflow.entity';

interface WorkflowRow {
  id: string;
  name: string;
  active: number;
  version: number;
  created_at: number;
  updated_at: number;
}

@Injectable()
export class WorkflowsService {
  constructor(private readonly app: AppContext) {}

  list() {
    const rows = this.app.db.prepare('SELECT * FROM workflows ORDER BY created_at, id').all() as WorkflowRow[];
    const lastRun = this.app.db.prepare('SELECT max(started_at) AS at FROM runs WHERE workflow_id = ?');
    const runsSince = this.app.db.prepare('SELECT count(*) AS n FROM runs WHERE workflow_id = ? AND started_at >= ?');
    const today = new Date(this.app.now());
    today.setUTCHours(0, 0, 0, 0);
    return rows.map((row) => {
      const last = (lastRun.get(row.id) as { at: number | null }).at;
      return {
        ...this.summary(row),
        lastRunAt: last === null ? null : new Date(Number(last)).toISOString(),
        runsToday: (runsSince.get(row.id, today.getTime()) as { n: number }).n,
      };
    });
  }

  get(id: string) {
    const row = this.find(id);
    const definition = this.definition(id, row.version);
    return { ...this.summary(row), problems: problemsOf(definition), definition };
  }

  /** Create and import are one operation: a workflow file in, version 1 stored, inactive. */
  async create(body: unknown) {
    const workflow = this.parse(body);
    const id = newId();
    await this.app.writer.exclusive(() =>
      this.app.dataSource.transaction(async (em) => {
        const now = this.app.now();
        await em.insert(WorkflowEntity, { id, name: workflow.name, active: false, version: 1, createdAt: now, updatedAt: now });
        await em.insert(WorkflowVersionEntity, { workflowId: id, version: 1, definition: exportWorkflow(workflow), createdAt: now });
      }),
    );
    return this.get(id);
  }

  /**
   * Saves a new version. With `If-Match: <version>` the save is refused (409) when another save
   * came first, so two tabs cannot overwrite each other's edits unawares.
   */
  async save(id: string, body: unknown, ifMatch?: string) {
    const workflow = this.parse(body);
    await this.app.writer.exclusive(() =>
      this.app.dataSource.transaction(async (em) => {
        const row = this.find(id);
        const expected = ifMatch?.replace(/^W\//, '').replace(/"/g, '').trim();
        if (expected && expected !== '*' && Number(expected) !== row.version) {
          throw ApiError.conflict(
            `Version ${row.version} of this workflow was saved after version ${expected} that you edited; reload it before saving`,
          );
        }
        if (row.active) {
          const problems = checkActivation(workflow);
          if (problems.length) throw ApiError.unprocessable('An active workflow can only be saved in a state that can run', problems as Issue[]);
        }
        const now = this.app.now();
        const version = row.version + 1;
        await em.insert(WorkflowVersionEntity, { workflowId: id, version, definition: exportWorkflow(workflow), createdAt: now });
        await em.update(WorkflowEntity, { id }, { name: workflow.name, version, updatedAt: now });
      }),
    );
    this.app.workflows.reload();
    return this.get(id);
  }

  async activate(id: string) {
    await this.app.writer.exclusive(async () => {
      const row = this.find(id);
      const problems = problemsOf(this.definition(id, row.version));
      if (problems.length) {
        throw ApiError.unprocessable(
          `The workflow cannot be activated: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first`,
          problems,
        );
      }
      await this.app.dataSource.getRepository(WorkflowEntity).update({ id }, { active: true, updatedAt: this.app.now() });
    });
    this.app.workflows.reload();
    return this.get(id);
  }

  /** Stops new runs and ends the waiting ones as skipped. */
  async deactivate(id: string) {
    await this.app.writer.exclusive(() =>
      this.app.dataSource.transaction(async (em) => {
        this.find(id);
        await em.update(WorkflowEntity, { id }, { active: false, updatedAt: this.app.now() });
        this.skipWaiting(id, 'the workflow was deactivated');
      }),
    );
    this.app.workflows.reload();
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.app.writer.exclusive(() =>
      this.app.dataSource.transaction(async (em) => {
        this.find(id);
        this.skipWaiting(id, 'the workflow was deleted');
        await em.delete(WorkflowVersionEntity, { workflowId: id });
        await em.delete(WorkflowEntity, { id });
        await em.query('DELETE FROM rotations WHERE workflow_id = ?', [id]);
      }),
    );
    this.app.workflows.reload();
    this.app.workflows.forget(id);
  }

  export(id: string): { file: WorkflowFile; filename: string } {
    const row = this.find(id);
    return { file: this.definition(id, row.version), filename: `${row.name}.workflow.json` };
  }

  private skipWaiting(id: string, reason: string): void {
    for (const run of this.app.runs.waitingOf(id)) finish(this.app.pipelineDeps, run, 'skipped', reason);
  }

  private parse(body: unknown): Workflow {
    const result = parseWorkflow(body, { fields: this.app.fields.all(), managerEmails: this.app.managers.emails() });
    if (!result.ok) {
      throw ApiError.invalid(
        result.problems,
        `The workflow file has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was saved`,
      );
    }
    return result.workflow;
  }

  private find(id: string): WorkflowRow {
    const row = this.app.db.prepare('SELECT * FROM workflows WHERE id = ?').get(id) as WorkflowRow | undefined;
    if (!row) throw ApiError.notFound('Workflow', id);
    return row;
  }

  private definition(id: string, version: number): WorkflowFile {
    const row = this.app.db
      .prepare('SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?')
      .get(id, version) as { definition: string };
    return JSON.parse(row.definition);
  }

  private summary(row: WorkflowRow) {
    return {
      id: row.id,
      name: row.name,
      active: Boolean(row.active),
      version: row.version,
      createdAt: new Date(Number(row.created_at)).toISOString(),
      updatedAt: new Date(Number(row.updated_at)).toISOString(),
    };
  }
}

/** What blocks activation of a stored definition (it passed the schema when it was saved). */
function problemsOf(definition: WorkflowFile): Issue[] {
  const parsed = parseWorkflow(definition);
  return parsed.ok ? (checkActivation(parsed.workflow) as Issue[]) : parsed.problems;
}
