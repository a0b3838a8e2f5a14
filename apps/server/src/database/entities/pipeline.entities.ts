import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber, epochMs, jsonText } from '../columns';
import type { LeadEvent, ResumePoint, RotationState, Step } from '@leadflow/engine';
import type { RunStatus } from '@leadflow/api';

/**
 * The outbox: a lead write and its events commit in one transaction; the dispatcher processes
 * pending events in id order, and marks them done in the same transaction as their runs.
 */
@Entity('events')
@Index('events_pending', ['id'], { where: "status = 'pending'" })
@Index('events_lead_pending', ['leadId', 'id'], { where: "status = 'pending'" })
export class EventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @Column({ type: 'text', transformer: jsonText })
  event: LeadEvent;

  /** 0 for an event from outside; the events of a run's actions have their event's depth + 1. */
  @Column({ type: 'integer' })
  depth: number;

  /** The outside event this one descends from (its chain); null on an outside event, whose chain is its own id. */
  @Column({ name: 'chain_id', type: 'bigint', nullable: true, transformer: bigintNumber })
  chainId: number | null;

  @Column({ type: 'varchar', length: 10 })
  status: 'pending' | 'done';

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'processed_at', type: 'bigint', nullable: true, transformer: epochMs })
  processedAt: number | null;
}

/** How many runs the chain of an outside event has recorded: at most `RUN_BUDGET` + 1 (the one skipped). */
@Entity('event_chains')
export class EventChainEntity {
  /** The outside event's id. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  id: number;

  @Column({ type: 'integer' })
  runs: number;
}

@Entity('runs')
@Index('runs_lead', ['leadId', 'startedAt'])
@Index('runs_workflow', ['workflowId', 'startedAt'])
@Index('runs_started', ['startedAt'])
@Index('runs_waiting', ['wakeAt'], { where: "status = 'waiting'" })
export class RunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion: number;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @Column({ name: 'event_id', type: 'bigint', transformer: bigintNumber })
  eventId: number;

  @Column({ type: 'text', transformer: jsonText })
  event: LeadEvent;

  @Column({ type: 'integer' })
  depth: number;

  @Column({ type: 'varchar', length: 10 })
  status: RunStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', transformer: jsonText })
  steps: Step[];

  @Column({ name: 'started_at', type: 'bigint', transformer: epochMs })
  startedAt: number;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: epochMs })
  finishedAt: number | null;

  /** Where a waiting run goes on, and when. */
  @Column({ type: 'text', nullable: true, transformer: jsonText })
  resume: ResumePoint | null;

  @Column({ name: 'wake_at', type: 'bigint', nullable: true, transformer: epochMs })
  wakeAt: number | null;
}

/** A strategy's memory per workflow node (the round-robin cursor), shared by all versions. */
@Entity('rotations')
export class RotationEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @PrimaryColumn({ name: 'node_id', type: 'varchar', length: 64 })
  nodeId: string;

  @Column({ type: 'text', transformer: jsonText })
  state: RotationState;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number;
}

/** One row per value a replaceWithOneOf node gave and per branch a split chose: the insight endpoints count these. */
@Entity('assignments')
@Index('assignments_node', ['workflowId', 'nodeId', 'value'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @Column({ name: 'node_id', type: 'varchar', length: 64 })
  nodeId: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId: string;

  @Column({ name: 'lead_id', type: 'varchar', length: 36 })
  leadId: string;

  @Column({ type: 'bigint', transformer: epochMs })
  at: number;
}
