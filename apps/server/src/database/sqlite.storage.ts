import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import type { LeadEvent } from '@leadflow/engine';
import type { LeadRecord, LeadStore } from '../leads/lead.store';
import type { PipelineStore } from '../pipeline/pipeline.store';
import type { RunFilter, RunStore } from '../runs/run.store';
import type { WorkflowRegistry } from '../workflows/workflow.registry';
import { BUMP_CONFIG_VERSION, PROBE_WRITE } from './config-version';
import { freeBytes } from './unavailable';
import type { LeadChange, Storage } from './storage';
import type { Writer } from './writer';

const MIN_FREE_BYTES = 1024 * 1024;

/** Storage on SQLite: prepared statements for the hot path, every write through the one `Writer`. */
export class SqliteStorage implements Storage {
  private probe: Statement | undefined;

  constructor(
    private readonly parts: {
      writer: Writer;
      leads: LeadStore;
      runs: RunStore;
      pipeline: PipelineStore;
      workflows: WorkflowRegistry;
      dataSource: DataSource;
      now: () => number;
    },
  ) {}

  getLead(id: string) {
    return this.parts.leads.get(id);
  }

  listLeads(limit: number, offset: number) {
    return this.parts.leads.list(limit, offset);
  }

  createLead(lead: LeadRecord, events: LeadEvent[]) {
    const { writer, leads, workflows } = this.parts;
    // Joins the writer's group commit: one transaction for the leads of a burst of requests.
    return writer.write(() => {
      leads.insert(lead);
      return leads.addEvents(lead.id, events, 0, lead.createdAt, workflows.wants);
    });
  }

  changeLead(id: string, change: LeadChange) {
    const { writer, leads, workflows, now } = this.parts;
    return writer.write(() => {
      const current = leads.get(id);
      if (!current) return undefined;
      const next = change(current);
      if (next.lead === current) return { lead: current, stored: [] };
      const at = now();
      const updated = { ...next.lead, updatedAt: at };
      leads.update(updated);
      return { lead: updated, stored: leads.addEvents(id, next.events, 0, at, workflows.wants) };
    });
  }

  getRun(id: string) {
    return this.parts.runs.get(id);
  }

  listRuns(filter: RunFilter) {
    return this.parts.runs.list(filter);
  }

  pendingCount() {
    return this.parts.pipeline.pendingCount();
  }

  rotation(workflowId: string, nodeId: string) {
    return this.parts.pipeline.rotation(workflowId, nodeId);
  }

  async probeWrite(): Promise<void> {
    const { writer } = this.parts;
    // A write small enough to fit in the space a refused one left would prove little: with less than
    // 1 MiB free the disk still counts as full.
    const free = await freeBytes(dirname(writer.db.name));
    if (free !== null && free < MIN_FREE_BYTES) {
      const error = Object.assign(new Error(`the disk holding ${writer.db.name} has ${free} bytes free`), {
        code: 'SQLITE_FULL',
      });
      writer.health.failed(error);
      throw error;
    }
    this.probe ??= writer.db.prepare(PROBE_WRITE);
    const probe = this.probe;
    await writer.transaction(() => probe.run());
  }

  configWrite<T>(fn: (em: EntityManager) => Promise<T>, reload: () => Promise<void>): Promise<T> {
    // One connection: async TypeORM work waits for the group commits (see Writer).
    return this.parts.writer.exclusive(async () => {
      const result = await this.parts.dataSource.transaction(async (em) => {
        const value = await fn(em);
        await em.query(BUMP_CONFIG_VERSION);
        return value;
      });
      // Still inside the lock: the next config write checks against the caches this one left.
      await reload();
      return result;
    });
  }
}
