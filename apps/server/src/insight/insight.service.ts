import { Injectable } from '@nestjs/common';
import { previewNextValue, WON_STATUS } from '@leadflow/engine';
import type { FieldValue, WorkflowNode } from '@leadflow/workflow';
import { ApiError } from '../common/api-error';
import { Clock } from '../common/clock';
import { ConfigCache } from '../config-cache/config-cache';
import { RotationRepository } from '../rotations/rotation.repository';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { splitReport } from './split-stats';

const DAY = 24 * 60 * 60 * 1000;

/** What routing did: how often each value was given, who is next, how the branches of a split convert. */
@Injectable()
export class InsightService {
  constructor(
    private readonly rotations: RotationRepository,
    private readonly workflows: WorkflowRepository,
    private readonly config: ConfigCache,
    private readonly clock: Clock,
  ) {}

  async rotation(workflowId: string, nodeId: string) {
    const node = await this.node(workflowId, nodeId);
    if (node.type !== 'updateField' || node.data.operation !== 'replaceWithOneOf') {
      throw ApiError.invalid([
        { path: 'nodeId', message: `node "${nodeId}" is a ${node.type} node, not "replace with one of"` },
      ]);
    }
    const rows = await this.rotations.givenByValue(workflowId, nodeId, this.clock.now() - 7 * DAY);
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
    const state = await this.rotations.get(workflowId, nodeId);
    // A manager retired through another process counts too.
    await this.config.refresh();
    // Never an inactive manager: a retired rep is not in the rotation.
    const isActiveManager = (email: FieldValue) =>
      typeof email === 'string' && this.config.managers.info(email)?.active === true;
    return { values, next: previewNextValue(node.data, state, isActiveManager) };
  }

  async split(workflowId: string, nodeId: string) {
    const node = await this.node(workflowId, nodeId);
    if (node.type !== 'split') {
      throw ApiError.invalid([
        { path: 'nodeId', message: `node "${nodeId}" is a ${node.type} node, not a split` },
      ]);
    }
    const rows = await this.rotations.branchOutcomes(workflowId, nodeId, WON_STATUS);
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
    const definition = await this.workflows.currentDefinition(workflowId);
    if (!definition) throw ApiError.notFound('Workflow', workflowId);
    const node = definition.nodes.find((n) => n.id === nodeId);
    if (!node) throw new ApiError(404, `Workflow "${workflowId}" has no node "${nodeId}"`);
    return node;
  }
}
