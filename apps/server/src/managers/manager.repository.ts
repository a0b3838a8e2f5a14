import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/connection';
import { ManagerEntity } from '../database/entities/manager.entity';

/**
 * The team's rows. Config writes only (the in-memory config reads them, config-cache/): TypeORM,
 * one implementation for both databases.
 */
@Injectable()
export class ManagerRepository {
  async insert(tx: Transaction, manager: ManagerEntity): Promise<void> {
    await tx.getRepository(ManagerEntity).insert(manager);
  }

  async update(tx: Transaction, id: string, changes: Partial<ManagerEntity>): Promise<void> {
    await tx.getRepository(ManagerEntity).update({ id }, changes);
  }

  async remove(tx: Transaction, id: string): Promise<void> {
    await tx.getRepository(ManagerEntity).delete({ id });
  }
}
