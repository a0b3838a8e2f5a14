import { newId } from '../src/common/ids';
import type { ManagerEntity } from '../src/database/entities/manager.entity';

/** A manager's row: active, available, no limits, named after its email, created and updated `at` (epoch ms), unless `extra` says otherwise. */
export function managerRow(email: string, at: number, extra: Partial<ManagerEntity> = {}): ManagerEntity {
  return {
    id: newId(),
    name: email.split('@')[0],
    email,
    active: true,
    available: true,
    awayUntil: null,
    workingHours: null,
    capacity: null,
    attributes: {},
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}
