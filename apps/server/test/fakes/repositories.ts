import type { LeadEvent, RotationState } from '@leadflow/engine';
import { managerEmailsOf, normalizeEmail, type WorkflowFile } from '@leadflow/workflow';
import type { Clock } from '../../src/common/clock';
import type { ConfigCache } from '../../src/config-cache/config-cache';
import { ConfigRepository, type ConfigRows } from '../../src/config-cache/config.repository';
import type { Transaction } from '../../src/database/connection';
import type { FieldEntity } from '../../src/database/entities/field.entity';
import type { ManagerEntity } from '../../src/database/entities/manager.entity';
import type { Sql } from '../../src/database/sql';
import type { StoreHealth } from '../../src/database/unavailable';
import { PipelineRepository } from '../../src/events/pipeline.repository';
import { FieldRepository } from '../../src/fields/field.repository';
import {
  LeadRepository,
  leadFromRow,
  leadToRow,
  type EventRef,
  type LeadChange,
  type LeadRecord,
} from '../../src/leads/lead.repository';
import { ManagerRepository } from '../../src/managers/manager.repository';
import { RotationRepository } from '../../src/rotations/rotation.repository';
import { RunRepository, type RunFilter, type RunRecord } from '../../src/runs/run.repository';
import { WorkflowRepository, type WorkflowRow } from '../../src/workflows/workflow.repository';
import { nodeKey, versionKey, type MemoryDatabase, type StoredLead } from './memory-database';

/** The fakes run no SQL: a method of the real class left unreplaced fails loudly instead. */
const NO_SQL = new Proxy({} as Sql, {
  get(_target, property) {
    throw new Error(`a fake repository reached the real SQL (Sql.${String(property)})`);
  },
});

/** Config reads and writes over the memory database; `answering`, `writeError` and `hold` play a database in trouble. */
export class FakeConfigRepository extends ConfigRepository {
  /** Whether the database answers a query (readiness). */
  answering = true;
  /** Why writes fail now (e.g. `{ code: 'SQLITE_FULL' }`), null when they are stored. */
  writeError: unknown = null;
  /** How many times the config was read whole (the caches' loads). */
  loads = 0;
  /** While set, reading the config waits for it (to catch loads in flight). */
  hold: Promise<void> | null = null;

  constructor(
    private readonly db: MemoryDatabase,
    private readonly health: StoreHealth,
  ) {
    super(NO_SQL);
  }

  async write<T>(fn: (tx: Transaction) => Promise<T>, after: () => Promise<void>): Promise<T> {
    const result = await this.health.track(
      this.db.transaction(async (tx) => {
        if (this.writeError) throw this.writeError;
        const value = await fn(tx);
        this.db.tables.configVersion++;
        return value;
      }),
    );
    await after();
    return result;
  }

  async probeWrite(): Promise<void> {
    await this.health.track(this.writeError ? Promise.reject(this.writeError) : Promise.resolve());
  }

  override async readVersion(): Promise<number> {
    return this.db.tables.configVersion;
  }

  override async readAll(): Promise<ConfigRows> {
    this.loads++;
    const { tables } = this.db;
    // Copied before waiting: a load reads the config as it was when it started.
    const rows: ConfigRows = {
      managers: [...tables.managers.values()].map((m) => ({
        id: m.id,
        name: m.name,
        email: m.email,
        active: m.active,
        available: m.available,
        away_until: m.awayUntil,
        working_hours: m.workingHours ? JSON.stringify(m.workingHours) : null,
        capacity: m.capacity,
        attributes: JSON.stringify(m.attributes),
        created_at: m.createdAt,
        updated_at: m.updatedAt,
      })),
      fields: [...tables.fields.values()].map((f) => ({
        key: f.key,
        label: f.label,
        type: f.type,
        options: f.options ? JSON.stringify(f.options) : null,
      })),
      active: [...tables.workflows.values()]
        .filter((w) => w.active)
        .map((w) => ({
          id: w.id,
          version: w.version,
          definition: JSON.stringify(tables.versions.get(versionKey(w.id, w.version))),
        })),
    };
    await this.hold;
    return rows;
  }

  override async answers(): Promise<boolean> {
    return this.answering;
  }
}

export class FakeManagerRepository extends ManagerRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  override async insert(tx: Transaction, manager: ManagerEntity): Promise<void> {
    this.db.assertInTransaction(tx);
    const taken = [...this.db.tables.managers.values()].some((m) => m.email === manager.email);
    if (taken) throw new Error('UNIQUE constraint failed: managers.email');
    this.db.tables.managers.set(manager.id, { ...manager });
  }

  override async update(tx: Transaction, id: string, changes: Partial<ManagerEntity>): Promise<void> {
    this.db.assertInTransaction(tx);
    const manager = this.db.tables.managers.get(id);
    if (manager) this.db.tables.managers.set(id, { ...manager, ...changes });
  }

  override async remove(tx: Transaction, id: string): Promise<void> {
    this.db.assertInTransaction(tx);
    this.db.tables.managers.delete(id);
  }
}

export class FakeFieldRepository extends FieldRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  override async find(tx: Transaction, key: string): Promise<FieldEntity | null> {
    this.db.assertInTransaction(tx);
    return this.db.tables.fields.get(key) ?? null;
  }

  override async insert(tx: Transaction, field: FieldEntity): Promise<void> {
    this.db.assertInTransaction(tx);
    this.db.tables.fields.set(field.key, { ...field });
  }

  override async update(tx: Transaction, key: string, changes: Partial<FieldEntity>): Promise<void> {
    this.db.assertInTransaction(tx);
    const field = this.db.tables.fields.get(key);
    if (field) this.db.tables.fields.set(key, { ...field, ...changes });
  }

  override async remove(tx: Transaction, key: string): Promise<void> {
    this.db.assertInTransaction(tx);
    this.db.tables.fields.delete(key);
  }
}

/**
 * Leads over the memory database, stored as the real rows are (`leadToRow`: the manager by id), and
 * like the real ones storing only the events an active workflow wants.
 */
export class FakeLeadRepository extends LeadRepository {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly config: ConfigCache,
    private readonly clock: Clock,
  ) {
    super(NO_SQL);
  }

  get(id: string): LeadRecord | undefined {
    const row = this.db.tables.leads.get(id);
    return row && this.toRecord(row);
  }

  list(limit: number, offset: number): LeadRecord[] {
    return [...this.db.tables.leads.values()]
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(offset, offset + limit)
      .map((row) => this.toRecord(row));
  }

  create(lead: LeadRecord, events: LeadEvent[]): Promise<EventRef[]> {
    return this.db.transaction(async () => {
      this.db.tables.leads.set(lead.id, leadToRow(lead, this.config.managers));
      return this.addEvents(lead.id, events, lead.createdAt);
    });
  }

  change(id: string, change: LeadChange) {
    return this.db.transaction(async () => {
      const current = this.get(id);
      if (!current) return undefined;
      const next = change(current);
      if (next.lead === current) return { lead: current, stored: [] };
      const at = this.clock.now();
      const updated = { ...next.lead, updatedAt: at };
      this.db.tables.leads.set(id, leadToRow(updated, this.config.managers));
      return { lead: updated, stored: this.addEvents(id, next.events, at) };
    });
  }

  override async openLeadsByManager(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const row of this.db.tables.leads.values())
      if (row.open && row.managerId) counts.set(row.managerId, (counts.get(row.managerId) ?? 0) + 1);
    return counts;
  }

  override async openLeadsOf(managerId: string): Promise<number> {
    return (await this.openLeadsByManager()).get(managerId) ?? 0;
  }

  override async countOf(managerId: string, tx: Transaction): Promise<number> {
    this.db.assertInTransaction(tx);
    return [...this.db.tables.leads.values()].filter((row) => row.managerId === managerId).length;
  }

  override async countHolding(fieldKey: string, tx: Transaction): Promise<number> {
    this.db.assertInTransaction(tx);
    // The same text search as the SQL: `"key":` inside the stored fields.
    const needle = `${JSON.stringify(fieldKey)}:`;
    return [...this.db.tables.leads.values()].filter((row) => row.fields.includes(needle)).length;
  }

  private addEvents(leadId: string, events: LeadEvent[], at: number): EventRef[] {
    return events.filter(this.config.workflows.wants).map((event) => {
      const id = this.db.nextEventId();
      this.db.tables.events.push({ id, leadId, event, createdAt: at, status: 'pending' });
      return { id, leadId };
    });
  }

  private toRecord(row: StoredLead): LeadRecord {
    return leadFromRow(
      {
        id: row.id,
        fields: row.fields,
        manager_id: row.managerId,
        tags: row.tags,
        created_at: row.createdAt,
        updated_at: row.updatedAt,
      },
      this.config.managers,
    );
  }
}

export class FakeWorkflowRepository extends WorkflowRepository {
  constructor(private readonly db: MemoryDatabase) {
    super(NO_SQL);
  }

  override async listWithRuns(since: number) {
    const runs = [...this.db.tables.runs.values()];
    return this.rows().map((w) => {
      const own = runs.filter((r) => r.workflowId === w.id);
      return {
        ...w,
        last_run: own.length ? Math.max(...own.map((r) => r.startedAt)) : null,
        runs_today: own.filter((r) => r.startedAt >= since).length,
      };
    });
  }

  override async find(id: string, tx?: Transaction): Promise<WorkflowRow | undefined> {
    if (tx) this.db.assertInTransaction(tx);
    const row = this.db.tables.workflows.get(id);
    return row && { ...row };
  }

  override async definition(id: string, version: number): Promise<WorkflowFile> {
    return structuredClone(this.db.tables.versions.get(versionKey(id, version))!);
  }

  override async currentDefinition(id: string): Promise<WorkflowFile | undefined> {
    const row = this.db.tables.workflows.get(id);
    return row && this.definition(id, row.version);
  }

  override async insert(
    tx: Transaction,
    w: { id: string; name: string; definition: WorkflowFile; at: number },
  ): Promise<void> {
    this.db.assertInTransaction(tx);
    this.db.tables.workflows.set(w.id, {
      id: w.id,
      name: w.name,
      active: false,
      version: 1,
      created_at: w.at,
      updated_at: w.at,
    });
    this.db.tables.versions.set(versionKey(w.id, 1), w.definition);
  }

  override async saveVersion(
    tx: Transaction,
    w: { id: string; name: string; version: number; definition: WorkflowFile; at: number },
  ): Promise<void> {
    this.db.assertInTransaction(tx);
    this.db.tables.versions.set(versionKey(w.id, w.version), w.definition);
    const row = this.db.tables.workflows.get(w.id)!;
    this.db.tables.workflows.set(w.id, { ...row, name: w.name, version: w.version, updated_at: w.at });
  }

  override async setActive(tx: Transaction, id: string, active: boolean, at: number): Promise<void> {
    this.db.assertInTransaction(tx);
    const row = this.db.tables.workflows.get(id)!;
    this.db.tables.workflows.set(id, { ...row, active, updated_at: at });
  }

  override async otherActive(tx: Transaction, id: string) {
    this.db.assertInTransaction(tx);
    return (await this.currentDefinitions(tx)).filter(
      (w) => w.id !== id && this.db.tables.workflows.get(w.id)!.active,
    );
  }

  override async remove(tx: Transaction, id: string): Promise<void> {
    this.db.assertInTransaction(tx);
    const row = this.db.tables.workflows.get(id);
    for (let version = 1; row && version <= row.version; version++)
      this.db.tables.versions.delete(versionKey(id, version));
    this.db.tables.workflows.delete(id);
  }

  override async currentDefinitions(tx?: Transaction) {
    if (tx) this.db.assertInTransaction(tx);
    return Promise.all(
      this.rows().map(async (w) => ({
        id: w.id,
        name: w.name,
        definition: await this.definition(w.id, w.version),
      })),
    );
  }

  override async naming(email: string, tx?: Transaction) {
    const needle = normalizeEmail(email);
    return (await this.currentDefinitions(tx))
      .filter((w) => managerEmailsOf(w.definition).has(needle))
      .map(({ id, name }) => ({ id, name }));
  }

  override async namesUsingField(key: string, tx: Transaction): Promise<string[]> {
    this.db.assertInTransaction(tx);
    // The same text search as the SQL, over every version.
    const uses = (text: string) =>
      text.includes(`"field":${JSON.stringify(key)}`) || text.includes(`"lead.${key}"`);
    const names = new Set<string>();
    for (const [versionId, definition] of this.db.tables.versions) {
      const workflow = this.db.tables.workflows.get(versionId.slice(0, versionId.lastIndexOf('@')));
      if (workflow && uses(JSON.stringify(definition))) names.add(workflow.name);
    }
    return [...names].sort();
  }

  /** Workflows in creation order. */
  private rows(): WorkflowRow[] {
    return [...this.db.tables.workflows.values()].sort(
      (a, b) => Number(a.created_at) - Number(b.created_at) || (a.id < b.id ? -1 : 1),
    );
  }
}

export class FakeRunRepository extends RunRepository {
  constructor(private readonly db: MemoryDatabase) {
    super(NO_SQL);
  }

  get(id: string): RunRecord | undefined {
    return this.db.tables.runs.get(id);
  }

  list(filter: RunFilter): RunRecord[] {
    return [...this.db.tables.runs.values()]
      .filter(
        (r) =>
          (!filter.leadId || r.leadId === filter.leadId) &&
          (!filter.workflowId || r.workflowId === filter.workflowId) &&
          (!filter.status || r.status === filter.status),
      )
      .sort((a, b) => b.eventId - a.eventId || (a.id < b.id ? -1 : 1))
      .slice(filter.offset, filter.offset + filter.limit);
  }

  override async skipWaiting(tx: Transaction, workflowId: string, reason: string, at: number): Promise<void> {
    this.db.assertInTransaction(tx);
    for (const run of this.db.tables.runs.values()) {
      if (run.workflowId !== workflowId || run.status !== 'waiting') continue;
      Object.assign(run, { status: 'skipped', reason, finishedAt: at, resume: null, wakeAt: null });
    }
  }

  override async countByStatus(): Promise<Array<{ status: string; n: number }>> {
    const counts = new Map<string, number>();
    for (const run of this.db.tables.runs.values()) counts.set(run.status, (counts.get(run.status) ?? 0) + 1);
    return [...counts].map(([status, n]) => ({ status, n }));
  }

  override async latenciesSince(since: number): Promise<number[]> {
    return [...this.db.tables.runs.values()]
      .filter((r) => r.startedAt >= since && r.depth === 0 && r.finishedAt !== null)
      .map((r) => r.finishedAt! - this.db.tables.events.find((e) => e.id === r.eventId)!.createdAt);
  }
}

export class FakeRotationRepository extends RotationRepository {
  constructor(private readonly db: MemoryDatabase) {
    super(NO_SQL);
  }

  override async get(workflowId: string, nodeId: string): Promise<RotationState | null> {
    return this.db.tables.rotations.get(nodeKey(workflowId, nodeId)) ?? null;
  }

  override async removeOf(workflowId: string, tx: Transaction): Promise<void> {
    this.db.assertInTransaction(tx);
    for (const key of this.db.tables.rotations.keys())
      if (key.startsWith(`${workflowId}/`)) this.db.tables.rotations.delete(key);
  }

  override async givenByValue(workflowId: string, nodeId: string, since: number) {
    const byValue = new Map<string, { value: string; given: number; recent: number; last: number }>();
    for (const a of this.assignments(workflowId, nodeId)) {
      const row = byValue.get(a.value) ?? { value: a.value, given: 0, recent: 0, last: 0 };
      row.given++;
      if (a.at >= since) row.recent++;
      row.last = Math.max(row.last, a.at);
      byValue.set(a.value, row);
    }
    return [...byValue.values()];
  }

  override async branchOutcomes(workflowId: string, nodeId: string, wonStatus: string) {
    const byBranch = new Map<string, { leads: Set<string>; won: Set<string> }>();
    for (const a of this.assignments(workflowId, nodeId)) {
      const lead = this.db.tables.leads.get(a.leadId);
      if (!lead) continue;
      const row = byBranch.get(a.value) ?? { leads: new Set(), won: new Set() };
      row.leads.add(a.leadId);
      if (lead.status === wonStatus) row.won.add(a.leadId);
      byBranch.set(a.value, row);
    }
    return [...byBranch].map(([branch, row]) => ({ branch, leads: row.leads.size, won: row.won.size }));
  }

  private assignments(workflowId: string, nodeId: string) {
    return this.db.tables.assignments.filter((a) => a.workflowId === workflowId && a.nodeId === nodeId);
  }
}

export class FakePipelineRepository extends PipelineRepository {
  constructor(private readonly db: MemoryDatabase) {
    super();
  }

  pendingCount(): number {
    return this.db.tables.events.filter((e) => e.status === 'pending').length;
  }
}
