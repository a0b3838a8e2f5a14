import { Injectable } from '@nestjs/common';
import { managerEmailsOf, normalizeEmail, type WorkflowFile } from '@leadflow/workflow';
import type { Transaction } from '../database/connection';
import { WorkflowEntity, WorkflowVersionEntity } from '../database/entities/workflow.entity';
import { Sql } from '../database/sql';

/** A workflow's row: its name, whether it is active and its current version. */
export interface WorkflowRow {
  id: string;
  name: string;
  active: number | boolean;
  version: number;
  created_at: number | string;
  updated_at: number | string;
}

/**
 * Workflows and their versions (every save is a new version; the row points at the current one).
 * Config traffic, so portable SQL and TypeORM, one implementation for both databases; the hot path
 * reads definitions through the in-memory config (config-cache/).
 */
@Injectable()
export class WorkflowRepository {
  constructor(private readonly sql: Sql) {}

  /** Every workflow in creation order, with when it last ran and how many runs it started since `since` (epoch ms). */
  async listWithRuns(
    since: number,
  ): Promise<Array<WorkflowRow & { last_run: number | string | null; runs_today: number | string }>> {
    return this.sql.query(
      `SELECT w.*,
         (SELECT max(started_at) FROM runs r WHERE r.workflow_id = w.id) AS last_run,
         (SELECT count(*) FROM runs r WHERE r.workflow_id = w.id AND r.started_at >= ?) AS runs_today
       FROM workflows w ORDER BY w.created_at, w.id`,
      [since],
    );
  }

  /** A workflow's row; in a write's transaction the row is locked, so concurrent writes of one workflow take turns. */
  async find(id: string, tx?: Transaction): Promise<WorkflowRow | undefined> {
    return this.sql.one<WorkflowRow>(
      `SELECT * FROM workflows WHERE id = ? ${tx ? this.sql.forUpdate : ''}`,
      [id],
      tx,
    );
  }

  async definition(id: string, version: number, tx?: Transaction): Promise<WorkflowFile> {
    const row = await this.sql.one<{ definition: string }>(
      'SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version = ?',
      [id, version],
      tx,
    );
    return JSON.parse(row!.definition);
  }

  /** The current version's definition, undefined for an unknown workflow. */
  async currentDefinition(id: string): Promise<WorkflowFile | undefined> {
    const row = await this.sql.one<{ definition: string }>(
      `SELECT v.definition FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version WHERE w.id = ?`,
      [id],
    );
    return row && JSON.parse(row.definition);
  }

  /** Stores a new workflow, inactive, as version 1 of `definition` (an exported workflow file). */
  async insert(
    tx: Transaction,
    w: { id: string; name: string; definition: WorkflowFile; at: number },
  ): Promise<void> {
    await tx.insert(WorkflowEntity, {
      id: w.id,
      name: w.name,
      active: false,
      version: 1,
      createdAt: w.at,
      updatedAt: w.at,
    });
    await tx.insert(WorkflowVersionEntity, {
      workflowId: w.id,
      version: 1,
      definition: w.definition,
      createdAt: w.at,
    });
  }

  /** Stores `definition` as version `version` and makes it current. */
  async saveVersion(
    tx: Transaction,
    w: { id: string; name: string; version: number; definition: WorkflowFile; at: number },
  ): Promise<void> {
    await tx.insert(WorkflowVersionEntity, {
      workflowId: w.id,
      version: w.version,
      definition: w.definition,
      createdAt: w.at,
    });
    await tx.update(WorkflowEntity, { id: w.id }, { name: w.name, version: w.version, updatedAt: w.at });
  }

  async setActive(tx: Transaction, id: string, active: boolean, at: number): Promise<void> {
    await tx.update(WorkflowEntity, { id }, { active, updatedAt: at });
  }

  /** The other active workflows with their current definitions, in creation order. */
  async otherActive(tx: Transaction, id: string): Promise<CurrentDefinition[]> {
    return (await this.currentRows('WHERE w.active = TRUE AND w.id <> ?', [id], tx)).map(parsed);
  }

  /** Deletes a workflow and all its versions. */
  async remove(tx: Transaction, id: string): Promise<void> {
    await tx.delete(WorkflowVersionEntity, { workflowId: id });
    await tx.delete(WorkflowEntity, { id });
  }

  /** Every workflow's current definition, in creation order. */
  async currentDefinitions(tx?: Transaction): Promise<CurrentDefinition[]> {
    return (await this.currentRows('', [], tx)).map(parsed);
  }

  /** The workflows whose current version names this manager (see managerEmailsOf). */
  async naming(email: string, tx?: Transaction): Promise<Array<{ id: string; name: string }>> {
    const rows = await this.currentRows('', [], tx);
    const needle = normalizeEmail(email);
    return rows
      .filter(
        (row) =>
          // A text search first: most definitions are not parsed at all.
          row.definition.toLowerCase().includes(needle) &&
          managerEmailsOf(JSON.parse(row.definition)).has(needle),
      )
      .map(({ id, name }) => ({ id, name }));
  }

  /**
   * The names of the workflows any version of which names the field `key` (`"field": "<key>"` or
   * `lead.<key>`). A text search: it may find more than a real use, never less.
   */
  async namesUsingField(key: string, tx: Transaction): Promise<string[]> {
    const rows = await this.sql.query<{ name: string }>(
      `SELECT DISTINCT w.name FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id
       WHERE v.definition LIKE ? OR v.definition LIKE ? ORDER BY w.name`,
      [`%"field":${JSON.stringify(key)}%`, `%"lead.${key}"%`],
      tx,
    );
    return rows.map((row) => row.name);
  }

  /** The workflows (`where` on `w`) with their current version's definition as stored, in creation order. */
  private currentRows(
    where: string,
    params: unknown[],
    tx?: Transaction,
  ): Promise<Array<{ id: string; name: string; definition: string }>> {
    return this.sql.query(
      `SELECT w.id, w.name, v.definition FROM workflows w
       JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version
       ${where} ORDER BY w.created_at, w.id`,
      params,
      tx,
    );
  }
}

/** A workflow with its current version's definition. */
export interface CurrentDefinition {
  id: string;
  name: string;
  definition: WorkflowFile;
}

const parsed = (row: { id: string; name: string; definition: string }): CurrentDefinition => ({
  id: row.id,
  name: row.name,
  definition: JSON.parse(row.definition),
});
