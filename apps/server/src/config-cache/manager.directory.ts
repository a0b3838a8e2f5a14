import type { ManagerInfo, WorkingHours } from '@leadflow/engine';
import { normalizeEmail } from '@leadflow/workflow';
import type { ManagerAttributes } from '../database/entities/manager.entity';

export interface ManagerRecord {
  id: string;
  name: string;
  email: string;
  active: boolean;
  available: boolean;
  awayUntil: number | null;
  workingHours: WorkingHours | null;
  capacity: number | null;
  attributes: ManagerAttributes;
  createdAt: number;
  updatedAt: number;
}

export interface ManagerRow {
  id: string;
  name: string;
  email: string;
  active: number | boolean;
  available: number | boolean;
  away_until: number | null;
  working_hours: string | null;
  capacity: number | null;
  attributes: string;
  created_at: number;
  updated_at: number;
}

/**
 * The managers, held in memory: the team is small and every run reads it, so a lead's manager email
 * and a candidate's eligibility cost no query. Reloaded after every manager write (and, with several
 * processes, when the config version moved).
 */
export class ManagerDirectory {
  private byId = new Map<string, ManagerRecord>();
  private byEmail = new Map<string, ManagerRecord>();
  private infos = new Map<string, ManagerInfo>();

  /** `countOpen` counts a manager's open leads synchronously (SQLite); without it, runs get counts from their snapshot. */
  constructor(private readonly countOpen: (managerId: string) => number = () => 0) {}

  /** Replaces the team with these rows (`SELECT * FROM managers ORDER BY created_at, id`). */
  load(rows: ManagerRow[]): void {
    this.byId = new Map();
    this.byEmail = new Map();
    for (const row of rows) {
      const record: ManagerRecord = {
        id: row.id,
        name: row.name,
        email: row.email,
        active: Boolean(row.active),
        available: Boolean(row.available),
        awayUntil: row.away_until === null ? null : Number(row.away_until),
        workingHours: row.working_hours ? JSON.parse(row.working_hours) : null,
        capacity: row.capacity === null ? null : Number(row.capacity),
        attributes: JSON.parse(row.attributes),
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at),
      };
      this.byId.set(record.id, record);
      this.byEmail.set(record.email, record);
    }
    this.infos = new Map(this.all().map((m) => [m.email, this.toInfo(m)]));
  }

  all(): ManagerRecord[] {
    return [...this.byId.values()];
  }

  byIdOrUndefined(id: string): ManagerRecord | undefined {
    return this.byId.get(id);
  }

  /** Emails are compared without regard to case. */
  byEmailOrUndefined(email: string): ManagerRecord | undefined {
    return this.byEmail.get(normalizeEmail(email));
  }

  emails(): string[] {
    return [...this.byEmail.keys()];
  }

  emailOf(id: string | null): string | null {
    return id === null ? null : (this.byId.get(id)?.email ?? null);
  }

  openLeads(id: string): number {
    return this.countOpen(id);
  }

  /** What the engine needs to decide whether this manager can be given a lead. */
  info(email: string): ManagerInfo | undefined {
    return this.infos.get(normalizeEmail(email));
  }

  private toInfo(m: ManagerRecord): ManagerInfo {
    const openLeads = () => this.openLeads(m.id);
    return {
      email: m.email,
      name: m.name,
      active: m.active,
      available: m.available,
      awayUntil: m.awayUntil === null ? null : new Date(m.awayUntil).toISOString(),
      workingHours: m.workingHours,
      capacity: m.capacity,
      // Counted only when a strategy asks (capacity, least loaded), at that moment.
      get openLeads() {
        return openLeads();
      },
      attributes: m.attributes,
    };
  }
}
