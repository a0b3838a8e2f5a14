import { Injectable } from '@nestjs/common';
import {
  checkActivation,
  exportWorkflow,
  findOverlaps,
  parseWorkflow,
  type Workflow,
  type WorkflowFile,
  type WorkflowOverlap,
} from '@leadflow/workflow';
import { AppContext } from '../app.context';
import { ApiError, type Issue } from '../common/api-error';
import { newId } from '../common/ids';
import type { EntityManager } from 'typeorm';
import { WorkflowEntity, WorkflowVersionEntity } from './workflow.entity';

interface WorkflowRow {
  id: string;
  name: string;
  active: number | boolean;
  version: number;
  created_at: number | string;
  updated_at: number | string;
}

@Injectable()
export class WorkflowsService {
  constructor(private readonly app: AppContext) {}

  async list() {
    const today = new Date(this.app.now());
    today.setUTCHours(0, 0, 0, 0);
    const rows = await this.app.sql.query<
      WorkflowRow & { last_run: number | string | null; runs_today: number | string }
    >(
      `SELECT w.*,
         (SELECT max(started_at) FROM runs r WHERE r.workflow_id = w.id) AS last_run,
         (SELECT count(*) FROM runs r WHERE r.workflow_id = w.id AND r.started_at >= ?) AS runs_today
       FROM workflows w ORDER BY w.created_at, w.id`,
      [today.getTime()],
    );
    return rows.map((row) => ({
      ...this.summary(row),
      lastRunAt: row.last_run === null ? null : new Date(Number(row.last_run)).toISOString(),
      runsToday: Number(row.runs_today),
    }));
  }

  async get(id: string) {
    const row = await this.find(id);
    const definition = await this.definition(id, row.version);
    return { ...this.summary(row), problems: problemsOf(definition), definition };
  }

  /** Create and import are one operation: a workflow file in, version 1 stored, inactive. */
  async create(body: unknown) {
    const workflow = await this.parse(body);
    const id = newId();
    await this.app.storage.configWrite(async (em) => {
      const now = this.app.now();
      await em.insert(WorkflowEntity, {
        id,
        name: workflow.name,
        active: false,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(WorkflowVersionEntity, {
        workflowId: id,
        version: 1,
        definition: exportWorkflow(workflow),
        createdAt: now,
      });
    }, this.reload);
    return this.get(id);
  }

  /**
   * Saves a new version. With `If-Match: <version>` the save is refused (409) when another save
   * came first, so two tabs cannot overwrite each other's edits unawares.
   */
  async save(id: string, body: unknown, ifMatch?: string) {
    const workflow = await this.parse(body);
    await this.app.storage.configWrite(async (em) => {
      const row = await this.find(id, em);
      const expected = ifMatch?.replace(/^W\//, '').replace(/"/g, '').trim();
      if (expected && expected !== '*' && Number(expected) !== row.version) {
        throw ApiError.conflict(
          `Version ${row.version} of this workflow was saved after version ${expected} that you edited; reload it before saving`,
        );
      }
      if (row.active) {
        const problems = checkActivation(workflow);
        if (problems.length)
          throw ApiError.unprocessable(
            'An active workflow can only be saved in a state that can run',
            problems as Issue[],
          );
      }
      const now = this.app.now();
      const version = row.version + 1;
      await em.insert(WorkflowVersionEntity, {
        workflowId: id,
        version,
        definition: exportWorkflow(workflow),
        createdAt: now,
      });
      await em.update(WorkflowEntity, { id }, { name: workflow.name, version, updatedAt: now });
    }, this.reload);
    return this.get(id);
  }

  /**
   * Activates the workflow; answers it with `warnings`: every other active workflow whose trigger
   * overlaps this one's and that writes the same field (one per workflow and field). Warnings do
   * not block activation.
   */
  async activate(id: string) {
    let warnings: WorkflowOverlap[] = [];
    await this.app.storage.configWrite(async (em) => {
      const row = await this.find(id, em);
      const definition = await this.definition(id, row.version, em);
      const problems = problemsOf(definition);
      if (problems.length) {
        throw ApiError.unprocessable(
          `The workflow cannot be activated: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first`,
          problems,
        );
      }
      await em.update(WorkflowEntity, { id }, { active: true, updatedAt: this.app.now() });
      const active = await this.app.sql.query<{ id: string; name: string; definition: string }>(
        `SELECT w.id, w.name, v.definition FROM workflows w
         JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version
         WHERE w.active = TRUE AND w.id <> ? ORDER BY w.created_at, w.id`,
        [id],
        em,
      );
      warnings = findOverlaps(
        { id, name: row.name, nodes: definition.nodes },
        active.map((other) => ({
          id: other.id,
          name: other.name,
          nodes: (JSON.parse(other.definition) as WorkflowFile).nodes,
        })),
      );
    }, this.reload);
    return { ...(await this.get(id)), warnings };
  }

  /** Stops new runs and ends the waiting ones as skipped. */
  async deactivate(id: string) {
    await this.app.storage.configWrite(async (em) => {
      await this.find(id, em);
      await em.update(WorkflowEntity, { id }, { active: false, updatedAt: this.app.now() });
      await this.skipWaiting(em, id, 'the workflow was deactivated');
    }, this.reload);
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.app.storage.configWrite(async (em) => {
      await this.find(id, em);
      await this.skipWaiting(em, id, 'the workflow was deleted');
      await em.delete(WorkflowVersionEntity, { workflowId: id });
      await em.delete(WorkflowEntity, { id });
      await this.app.sql.query('DELETE FROM rotations WHERE workflow_id = ?', [id], em);
    }, this.reload);
    this.app.workflows.forget(id);
  }

  async export(id: string): Promise<{ file: WorkflowFile; filename: string }> {
    const row = await this.find(id);
    return { file: await this.definition(id, row.version), filename: `${row.name}.workflow.json` };
  }

  private readonly reload = () => this.app.reloadConfig();

  /**
   * In the deactivation's transaction. On PostgreSQL a run being resumed right now holds its row: this
   * update waits for it and then skips it only if it is still waiting.
   */
  private async skipWaiting(em: EntityManager, id: string, reason: string): Promise<void> {
    await this.app.sql.query(
      `UPDATE runs SET status = 'skipped', reason = ?, finished_at = ?, resume = NULL, wake_at = NULL
       WHERE workflow_id = ? AND status = 'waiting'`,
      [reason, this.app.now(), id],
      em,
    );
  }

  private async parse(body: unknown): Promise<Workflow> {
    // Emails and fields added by another process count too.
    await this.app.refreshConfig();
    const result = parseWorkflow(body, {
      fields: this.app.fields.all(),
      managerEmails: this.app.managers.emails(),
    });
    if (!result.ok) {
      throw ApiError.invalid(
        result.problems,
        `The workflow file has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was saved`,
      );
    }
    return result.workflow;
  }

  /** In a write's transaction the row is locked, so concurrent saves of one workflow take turns. */
  private async find(id: string, em?: EntityManager): Promise<WorkflowRow> {
    const row = await this.app.sql.one<WorkflowRow>(
      `SELECT * FROM workflows WHERE id = ? ${em ? this.app.sql.forUpdate : ''}`,
      [id],
      em,
    );
    if (!row) throw ApiError.notFound('Workflow', id);
    return row;
  }

  private async definition(id: string, version: number, em?: EntityManager): Promise<WorkflowFile> {
    const row = await this.app.sql.one<{ definition: string }>(
      'SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?',
      [id, version],
      em,
    );
    return JSON.parse(row!.definition);
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
