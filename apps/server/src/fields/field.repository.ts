import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/connection';
import { FieldEntity } from '../database/entities/field.entity';

/**
 * Custom fields' rows. Config writes only (the in-memory config reads them, config-cache/): TypeORM,
 * one implementation for both databases.
 */
@Injectable()
export class FieldRepository {
  async find(tx: Transaction, key: string): Promise<FieldEntity | null> {
    return tx.getRepository(FieldEntity).findOneBy({ key });
  }

  async insert(tx: Transaction, field: FieldEntity): Promise<void> {
    await tx.getRepository(FieldEntity).insert(field);
  }

  async update(tx: Transaction, key: string, changes: Partial<FieldEntity>): Promise<void> {
    await tx.getRepository(FieldEntity).update({ key }, changes);
  }

  async remove(tx: Transaction, key: string): Promise<void> {
    await tx.getRepository(FieldEntity).delete({ key });
  }
}
