import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bool, epochMs, jsonText } from '../columns';
import type { FieldValue } from '@leadflow/workflow';

/**
 * A lead. `fields` holds every field but `manager`, which is a reference (`managerId`) so that
 * renaming a manager's email follows through. `open`, `companyKey` and `emailDomain` are derived
 * from the fields at each write, so the counts and lookups routing needs are index reads.
 */
@Entity('leads')
@Index('leads_manager_open', ['managerId', 'open'])
@Index('leads_account_company', ['companyKey', 'id'], { where: 'company_key IS NOT NULL' })
@Index('leads_account_domain', ['emailDomain', 'id'], { where: 'email_domain IS NOT NULL' })
export class LeadEntity {
  /** UUID v7: ordered by creation, so "newest first" is an index scan. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'text', transformer: jsonText })
  fields: Record<string, FieldValue>;

  @Column({ name: 'manager_id', type: 'varchar', length: 36, nullable: true })
  managerId: string | null;

  @Column({ type: 'text', transformer: jsonText })
  tags: string[];

  @Column({ type: 'boolean', transformer: bool })
  open: boolean;

  /** The status field, a column so split statistics can count won leads in SQL. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  status: string | null;

  @Column({ name: 'company_key', type: 'varchar', length: 200, nullable: true })
  companyKey: string | null;

  @Column({ name: 'email_domain', type: 'varchar', length: 255, nullable: true })
  emailDomain: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt: number;
}
