import { Injectable } from '@nestjs/common';
import { managerPatchSchema, newManagerSchema } from '@leadflow/api';
import { ApiError, parseBody } from '../common/api-error';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { ConfigCache } from '../config-cache/config-cache';
import type { ManagerRecord } from '../config-cache/manager.directory';
import type { ManagerEntity } from '../database/entities/manager.entity';
import { LeadRepository } from '../leads/lead.repository';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { ManagerRepository } from './manager.repository';

@Injectable()
export class ManagersService {
  constructor(
    private readonly managers: ManagerRepository,
    private readonly leads: LeadRepository,
    private readonly workflows: WorkflowRepository,
    private readonly config: ConfigCache,
    private readonly clock: Clock,
  ) {}

  async list() {
    const open = await this.leads.openLeadsByManager();
    return this.config.managers.all().map((m) => this.view(m, open.get(m.id) ?? 0));
  }

  async get(id: string) {
    const manager = await this.find(id);
    return this.view(manager, await this.leads.openLeadsOf(id));
  }

  async create(body: unknown) {
    const input = parseBody(newManagerSchema, body);
    await this.config.refresh();
    const id = newId();
    await this.config.write(async (tx) => {
      this.assertEmailFree(input.email);
      const now = this.clock.now();
      const entity: ManagerEntity = {
        id,
        name: input.name,
        email: input.email,
        active: input.active ?? true,
        available: input.available ?? true,
        awayUntil: input.awayUntil ? Date.parse(input.awayUntil) : null,
        workingHours: input.workingHours ?? null,
        capacity: input.capacity ?? null,
        attributes: input.attributes ?? {},
        createdAt: now,
        updatedAt: now,
      };
      await this.managers.insert(tx, entity);
    });
    return this.get(id);
  }

  async update(id: string, body: unknown) {
    const patch = parseBody(managerPatchSchema, body);
    await this.config.refresh();
    await this.config.write(async (tx) => {
      const current = await this.find(id);
      if (patch.email !== undefined && patch.email !== current.email) {
        this.assertEmailFree(patch.email);
        const naming = await this.workflows.naming(current.email, tx);
        if (naming.length) {
          throw ApiError.conflict(
            `${current.email} is named in ${naming.map((w) => `workflow "${w.name}"`).join(', ')}; remove it there before changing the email`,
            [{ path: 'email', message: 'named in a workflow' }],
          );
        }
      }
      const changes: Partial<ManagerEntity> = { updatedAt: this.clock.now() };
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.email !== undefined) changes.email = patch.email;
      if (patch.active !== undefined) changes.active = patch.active;
      if (patch.available !== undefined) changes.available = patch.available;
      if (patch.awayUntil !== undefined)
        changes.awayUntil = patch.awayUntil === null ? null : Date.parse(patch.awayUntil);
      if (patch.workingHours !== undefined) changes.workingHours = patch.workingHours;
      if (patch.capacity !== undefined) changes.capacity = patch.capacity;
      if (patch.attributes !== undefined) changes.attributes = patch.attributes;
      await this.managers.update(tx, id, changes);
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.config.refresh();
    await this.config.write(async (tx) => {
      const manager = await this.find(id);
      const leads = await this.leads.countOf(id, tx);
      const naming = await this.workflows.naming(manager.email, tx);
      if (leads > 0 || naming.length > 0) {
        const reasons = [
          ...(leads > 0 ? [`manages ${leads} lead${leads === 1 ? '' : 's'}`] : []),
          ...naming.map((w) => `is named in workflow "${w.name}"`),
        ];
        throw ApiError.conflict(
          `${manager.name} <${manager.email}> ${reasons.join(' and ')}; set "active": false to retire them instead`,
        );
      }
      await this.managers.remove(tx, id);
    });
  }

  private async find(id: string): Promise<ManagerRecord> {
    let manager = this.config.managers.byIdOrUndefined(id);
    if (!manager) {
      // Perhaps created by another process since this one loaded the team.
      await this.config.refresh();
      manager = this.config.managers.byIdOrUndefined(id);
    }
    if (!manager) throw ApiError.notFound('Manager', id);
    return manager;
  }

  private assertEmailFree(email: string): void {
    if (this.config.managers.byEmailOrUndefined(email)) {
      throw ApiError.conflict(`A manager with email ${email} exists already`, [
        { code: 'duplicate_value', path: 'email', message: `${email} is taken` },
      ]);
    }
  }

  private view(m: ManagerRecord, openLeads: number) {
    return {
      id: m.id,
      name: m.name,
      email: m.email,
      active: m.active,
      available: m.available,
      awayUntil: m.awayUntil === null ? null : new Date(m.awayUntil).toISOString(),
      workingHours: m.workingHours,
      capacity: m.capacity,
      attributes: m.attributes,
      openLeads,
      createdAt: new Date(m.createdAt).toISOString(),
      updatedAt: new Date(m.updatedAt).toISOString(),
    };
  }
}
