import type { Manager } from '../src/api/client';

/** A manager as GET /api/managers returns one: active, available, no limits, unless `extra` says so. */
export const testManager = (name: string, email: string, extra: Partial<Manager> = {}): Manager => ({
  id: email,
  name,
  email,
  active: true,
  available: true,
  awayUntil: null,
  workingHours: null,
  capacity: null,
  attributes: {},
  openLeads: 0,
  ...extra,
});
