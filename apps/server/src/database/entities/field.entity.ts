import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bool, epochMs, jsonText } from '../columns';

export type FieldType = 'text' | 'number' | 'boolean' | 'date' | 'select' | 'manager';

@Entity('fields')
export class FieldEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'varchar', length: 20 })
  type: FieldType;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  options: string[] | null;

  @Column({ name: 'built_in', type: 'boolean', default: false, transformer: bool })
  builtIn: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;
}
