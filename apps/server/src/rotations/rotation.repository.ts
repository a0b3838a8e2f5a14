import { Injectable } from '@nestjs/common';
import type { RotationState } from '@leadflow/engine';
import type { Transaction } from '../database/connection';
import { Sql } from '../database/sql';

/**
 * The strategies' stored state per workflow node (rotation turns, owed turns, weights' counts) and
 * the assignment log, as the API reads them. Portable SQL, one implementation for both databases;
 * the hot path writes them inside its own transaction (events/pipeline.repository.*).
 */
@Injectable()
export class RotationRepository {
  constructor(private readonly sql: Sql) {}

  /** A node's state, null before its first run. */
  async get(workflowId: string, nodeId: string): Promise<RotationState | null> {
    const row = await this.sql.one<{ state: string }>(
      'SELECT state FROM rotations WHERE workflow_id = ? AND node_id = ?',
      [workflowId, nodeId],
    );
    return row ? JSON.parse(row.state) : null;
  }

  /** Forgets every node's state of a deleted workflow, in its transaction. */
  async removeOf(workflowId: string, tx: Transaction): Promise<void> {
    await this.sql.query('DELETE FROM rotations WHERE workflow_id = ?', [workflowId], tx);
  }

  /**
   * How often each value was given by a node: in all, since `since` (epoch ms) and when last, from
   * the assignment log.
   */
  async givenByValue(
    workflowId: string,
    nodeId: string,
    since: number,
  ): Promise<Array<{ value: string; given: number; recent: number; last: number }>> {
    const rows = await this.sql.query<{
      value: string;
      given: number | string;
      recent: number | string;
      last: number | string;
    }>(
      `SELECT value, count(*) AS given, sum(CASE WHEN at >= ? THEN 1 ELSE 0 END) AS recent, max(at) AS last
       FROM assignments WHERE workflow_id = ? AND node_id = ? GROUP BY value`,
      [since, workflowId, nodeId],
    );
    return rows.map((r) => ({
      value: r.value,
      given: Number(r.given),
      recent: Number(r.recent),
      last: Number(r.last),
    }));
  }

  /** Per branch of a split node: the leads it took and how many of them have the status `wonStatus`. */
  async branchOutcomes(
    workflowId: string,
    nodeId: string,
    wonStatus: string,
  ): Promise<Array<{ branch: string; leads: number; won: number }>> {
    const rows = await this.sql.query<{ branch: string; leads: number | string; won: number | string }>(
      `SELECT a.value AS branch, count(DISTINCT a.lead_id) AS leads,
         count(DISTINCT CASE WHEN l.status = ? THEN a.lead_id END) AS won
       FROM assignments a JOIN leads l ON l.id = a.lead_id
       WHERE a.workflow_id = ? AND a.node_id = ? GROUP BY a.value`,
      [wonStatus, workflowId, nodeId],
    );
    return rows.map((r) => ({ branch: r.branch, leads: Number(r.leads), won: Number(r.won) }));
  }
}
