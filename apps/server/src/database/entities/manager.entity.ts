import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bool, epochMs, jsonText } from '../columns';
import type { WorkingHours } from '@leadflow/engine';

export type ManagerAttributes = Record<string, string | number | boolean | string[]>;

@Entity('managers')
export class ManagerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Stored lower-case: emails are compared without regard to case. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email: string;

  @Column({ type: 'boolean', default: true, transformer: bool })
  active: boolean;

  @Column({ type: 'boolean', default: true, transformer: bool })
  available: boolean;

  @Column({ name: 'away_until', type: 'bigint', nullable: true, transformer: epochMs })
  awayUntil: number | null;

  @Column({ name: 'working_hours', type: 'text', nullable: true, transformer: jsonText })
  workingHours: WorkingHours | null;

  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Column({ type: 'text', transformer: jsonText })
  attributes: ManagerAttributes;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number;
}
