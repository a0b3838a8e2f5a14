import { exportWorkflow, parseWorkflow } from '@leadflow/workflow';
import { ApiError } from '../../src/common/api-error';
import { Clock } from '../../src/common/clock';
import { newId } from '../../src/common/ids';
import { ConfigCache } from '../../src/config-cache/config-cache';
import type { ManagerEntity } from '../../src/database/entities/manager.entity';
import { StoreHealth } from '../../src/database/unavailable';
import { LeadEventsListener } from '../../src/leads/lead-events';
import type { EventRef } from '../../src/leads/lead.repository';
import type { RunRecord } from '../../src/runs/run.repository';
import { managerRow } from '../manager-row';
import { MemoryDatabase, versionKey } from './memory-database';
import {
  FakeConfigRepository,
  FakeFieldRepository,
  FakeLeadRepository,
  FakeManagerRepository,
  FakePipelineRepository,
  FakeRotationRepository,
  FakeRunRepository,
  FakeWorkflowRepository,
} from './repositories';

export * from './memory-database';
export * from './repositories';

/** The time of the unit tests' clock: Monday 2 March 2026, 09:00 UTC. */
export const NOW = Date.parse('2026-03-02T09:00:00.000Z');

/** A listener that keeps what it was told. */
export class RecordingListener extends LeadEventsListener {
  readonly told: EventRef[][] = [];

  eventsStored(events: EventRef[]): void {
    this.told.push(events);
  }
}

/**
 * What a service's unit test builds it from: one memory database, every repository over it as a
 * fake, the real in-memory config (loaded) and a clock at `NOW`.
 */
export async function fakeServer() {
  const db = new MemoryDatabase();
  // The clock reads `time.now`: fixed unless a test moves it.
  const time = { now: NOW };
  const clock = new Clock(() => time.now);
  const health = new StoreHealth();
  const configRepository = new FakeConfigRepository(db, health);
  const config = new ConfigCache(configRepository);
  await config.onModuleInit();
  return {
    db,
    time,
    clock,
    health,
    configRepository,
    config,
    listener: new RecordingListener(),
    leads: new FakeLeadRepository(db, config, clock),
    managers: new FakeManagerRepository(db),
    fields: new FakeFieldRepository(db),
    workflows: new FakeWorkflowRepository(db),
    runs: new FakeRunRepository(db),
    rotations: new FakeRotationRepository(db),
    pipeline: new FakePipelineRepository(db),
  };
}

/** The error `work` was refused with; fails the test when it was not refused. */
export async function refusal(work: Promise<unknown>): Promise<ApiError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal, got an answer');
}

export type FakeServer = Awaited<ReturnType<typeof fakeServer>>;

/**
 * Stores a manager as another process would: the row and a new config version, so this process
 * sees it only once its config is refreshed.
 */
export function storeManager(
  db: MemoryDatabase,
  email: string,
  changes: Partial<ManagerEntity> = {},
): ManagerEntity {
  const manager = managerRow(email, NOW, changes);
  db.tables.managers.set(manager.id, manager);
  db.tables.configVersion++;
  return manager;
}

/** Stores a workflow (version 1 of `file`) as another process would; see `storeManager`. */
export function storeWorkflow(db: MemoryDatabase, file: unknown, active = false): string {
  const parsed = parseWorkflow(file);
  if (!parsed.ok) throw new Error(`not a workflow: ${JSON.stringify(parsed.problems)}`);
  const id = newId();
  db.tables.workflows.set(id, {
    id,
    name: parsed.workflow.name,
    active,
    version: 1,
    created_at: NOW,
    updated_at: NOW,
  });
  db.tables.versions.set(versionKey(id, 1), exportWorkflow(parsed.workflow));
  db.tables.configVersion++;
  return id;
}

/**
 * Stores a run (completed, of version 1, for `lead.created`, started and finished at `NOW`, unless
 * `run` says otherwise) and its event, when no event with its `eventId` is stored yet (stored
 * at `startedAt`, processed).
 */
export function storeRun(db: MemoryDatabase, run: Partial<RunRecord> & { workflowId: string }): RunRecord {
  const record: RunRecord = {
    id: newId(),
    workflowVersion: 1,
    leadId: 'lead-1',
    eventId: db.nextEventId(),
    event: { type: 'lead.created' },
    depth: 0,
    status: 'completed',
    reason: null,
    steps: [],
    startedAt: NOW,
    finishedAt: NOW,
    resume: null,
    wakeAt: null,
    ...run,
  };
  if (!db.tables.events.some((e) => e.id === record.eventId)) {
    db.tables.events.push({
      id: record.eventId,
      leadId: record.leadId,
      event: record.event,
      createdAt: record.startedAt,
      status: 'done',
    });
  }
  db.tables.runs.set(record.id, record);
  return record;
}
