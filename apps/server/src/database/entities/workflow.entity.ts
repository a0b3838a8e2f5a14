import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WorkflowFile } from '@leadflow/workflow';
import { bool, epochMs, jsonText } from '../columns';

@Entity('workflows')
export class WorkflowEntity {
  /** UUID v7: ordered by creation, the order in which workflows run for one event. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'boolean', default: false, transformer: bool })
  active: boolean;

  /** The latest saved version. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number;
}

/** Each save is a new immutable version; a run records and finishes on the version it started with. */
@Entity('workflow_versions')
export class WorkflowVersionEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 36 })
  workflowId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ type: 'text', transformer: jsonText })
  definition: WorkflowFile;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;
}
