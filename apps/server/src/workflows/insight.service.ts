import { Injectable } from '@nestjs/common';
import { previewNextValue, WON_STATUS } from '@leadflow/engine';
import type { FieldValue, WorkflowFile, WorkflowNode } from '@leadflow/workflow';
import { AppContext } from '../app.context';
import { ApiError } from '../common/api-error';
import { splitReport } from './split-stats';

const DAY = 24 * 60 * 60 * 1000;

/** What routing did: how often each value was given, who is next, how the branches of a split convert. */
@Injectable()
export class InsightService {
  constructor(private readonly app: AppContext) {}

  async rotation(workflowId: string, nodeId: string) {
    const node = await this.node(workflowId, nodeId);
    if (node.type !== 'updateField' || node.data.operation !== 'replaceWithOneOf') {
      throw ApiError.invalid([
        { path: 'nodeId', message: `node "${nodeId}" is a ${node.type} node, not "replace with one of"` },
      ]);
    }
    const rows = (
      await this.app.sql.query<{
        value: string;
        given: number | string;
        recent: number | string;
        last: number | string;
      }>(
        `SELECT value, count(*) AS given, sum(CASE WHEN at >= ? THEN 1 ELSE 0 END) AS recent, max(at) AS last
         FROM assignments WHERE workflow_id = ? AND node_id = ? GROUP BY value`,
        [this.app.now() - 7 * DAY, workflowId, nodeId],
      )
    ).map((r) => ({
      value: r.value,
      given: Number(r.given),
      recent: Number(r.recent),
      last: Number(r.last),
    }));
    const byValue = new Map(rows.map((r) => [r.value, r]));
    const listed = node.data.values.map((v) => String(v));
    // Values given by earlier versions but no longer on the list come last.
    const values = [...listed, ...rows.map((r) => r.value).filter((v) => !listed.includes(v))].map(
      (value) => {
        const row = byValue.get(value);
        return {
          value,
          given: row?.given ?? 0,
          givenLast7Days: row?.recent ?? 0,
          lastGivenAt: row ? new Date(Number(row.last)).toISOString() : null,
          onList: listed.includes(value),
        };
      },
    );
    const state = await this.app.storage.rotation(workflowId, nodeId);
    // A manager retired through another process counts too.
    await this.app.refreshConfig();
    // Never an inactive manager: a retired rep is not in the rotation.
    const isActiveManager = (email: FieldValue) =>
      typeof email === 'string' && this.app.managers.info(email)?.active === true;
    return { values, next: previewNextValue(node.data, state, isActiveManager) };
  }

  async split(workflowId: string, nodeId: string) {
    const node = await this.node(workflowId, nodeId);
    if (node.type !== 'split') {
      throw ApiError.invalid([
        { path: 'nodeId', message: `node "${nodeId}" is a ${node.type} node, not a split` },
      ]);
    }
    const rows = (
      await this.app.sql.query<{ branch: string; leads: number | string; won: number | string }>(
        `SELECT a.value AS branch, count(DISTINCT a.lead_id) AS leads,
           count(DISTINCT CASE WHEN l.status = ? THEN a.lead_id END) AS won
         FROM assignments a JOIN leads l ON l.id = a.lead_id
         WHERE a.workflow_id = ? AND a.node_id = ? GROUP BY a.value`,
        [WON_STATUS, workflowId, nodeId],
      )
    ).map((r) => ({ branch: r.branch, leads: Number(r.leads), won: Number(r.won) }));
    const byBranch = new Map(rows.map((r) => [r.branch, r]));
    return splitReport(
      node.data.branches.map((b) => ({
        id: b.id,
        leads: byBranch.get(b.id)?.leads ?? 0,
        won: byBranch.get(b.id)?.won ?? 0,
      })),
    );
  }

  private async node(workflowId: string, nodeId: string): Promise<WorkflowNode> {
    const row = await this.app.sql.one<{ definition: string }>(
      `SELECT v.definition FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version WHERE w.id = ?`,
      [workflowId],
    );
    if (!row) throw ApiError.notFound('Workflow', workflowId);
    const node = (JSON.parse(row.definition) as WorkflowFile).nodes.find((n) => n.id === nodeId);
    if (!node) throw new ApiError(404, `Workflow "${workflowId}" has no node "${nodeId}"`);
    return node;
  }
}
