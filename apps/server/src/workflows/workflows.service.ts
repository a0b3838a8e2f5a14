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
import { ApiError, type Issue } from '../common/api-error';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { ConfigCache } from '../config-cache/config-cache';
import type { Transaction } from '../database/connection';
import { RotationRepository } from '../rotations/rotation.repository';
import { RunRepository } from '../runs/run.repository';
import { WorkflowRepository, type WorkflowRow } from './workflow.repository';

@Injectable()
export class WorkflowsService {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly runs: RunRepository,
    private readonly rotations: RotationRepository,
    private readonly config: ConfigCache,
    private readonly clock: Clock,
  ) {}

  async list() {
    const today = new Date(this.clock.now());
    today.setUTCHours(0, 0, 0, 0);
    const rows = await this.workflows.listWithRuns(today.getTime());
    return rows.map((row) => ({
      ...this.summary(row),
      lastRunAt: row.last_run === null ? null : new Date(Number(row.last_run)).toISOString(),
      runsToday: Number(row.runs_today),
    }));
  }

  async get(id: string) {
    const row = await this.find(id);
    const definition = await this.workflows.definition(id, row.version);
    return { ...this.summary(row), problems: problemsOf(definition), definition };
  }

  /** Create and import are one operation: a workflow file in, version 1 stored, inactive. */
  async create(body: unknown) {
    const workflow = await this.parse(body);
    const id = newId();
    await this.config.write((tx) =>
      this.workflows.insert(tx, {
        id,
        name: workflow.name,
        definition: exportWorkflow(workflow),
        at: this.clock.now(),
      }),
    );
    return this.get(id);
  }

  /**
   * Saves a new version. With `If-Match: <version>` the save is refused (409) when another save
   * came first, so two tabs cannot overwrite each other's edits unawares.
   */
  async save(id: string, body: unknown, ifMatch?: string) {
    const workflow = await this.parse(body);
    await this.config.write(async (tx) => {
      const row = await this.find(id, tx);
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
      await this.workflows.saveVersion(tx, {
        id,
        name: workflow.name,
        version: row.version + 1,
        definition: exportWorkflow(workflow),
        at: this.clock.now(),
      });
    });
    return this.get(id);
  }

  /**
   * Activates the workflow; answers it with `warnings`: every other active workflow whose trigger
   * overlaps this one's and that writes the same field (one per workflow and field). Warnings do
   * not block activation.
   */
  async activate(id: string) {
    let warnings: WorkflowOverlap[] = [];
    await this.config.write(async (tx) => {
      const row = await this.find(id, tx);
      const definition = await this.workflows.definition(id, row.version, tx);
      const problems = problemsOf(definition);
      if (problems.length) {
        throw ApiError.unprocessable(
          `The workflow cannot be activated: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first`,
          problems,
        );
      }
      await this.workflows.setActive(tx, id, true, this.clock.now());
      const active = await this.workflows.otherActive(tx, id);
      warnings = findOverlaps(
        { id, name: row.name, nodes: definition.nodes },
        active.map((other) => ({ id: other.id, name: other.name, nodes: other.definition.nodes })),
      );
    });
    return { ...(await this.get(id)), warnings };
  }

  /** Stops new runs and ends the waiting ones as skipped. */
  async deactivate(id: string) {
    await this.config.write(async (tx) => {
      await this.find(id, tx);
      await this.workflows.setActive(tx, id, false, this.clock.now());
      await this.runs.skipWaiting(tx, id, 'the workflow was deactivated', this.clock.now());
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.config.write(async (tx) => {
      await this.find(id, tx);
      await this.runs.skipWaiting(tx, id, 'the workflow was deleted', this.clock.now());
      await this.workflows.remove(tx, id);
      await this.rotations.removeOf(id, tx);
    });
    this.config.workflows.forget(id);
  }

  async export(id: string): Promise<{ file: WorkflowFile; filename: string }> {
    const row = await this.find(id);
    return { file: await this.workflows.definition(id, row.version), filename: `${row.name}.workflow.json` };
  }

  private async parse(body: unknown): Promise<Workflow> {
    // Emails and fields added by another process count too.
    await this.config.refresh();
    const result = parseWorkflow(body, {
      fields: this.config.fields.all(),
      managerEmails: this.config.managers.emails(),
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
  private async find(id: string, tx?: Transaction): Promise<WorkflowRow> {
    const row = await this.workflows.find(id, tx);
    if (!row) throw ApiError.notFound('Workflow', id);
    return row;
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
