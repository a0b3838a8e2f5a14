import { Injectable } from '@nestjs/common';
import { managerPatchSchema, newManagerSchema } from '@leadflow/api';
import { AppContext } from '../app.context';
import { ApiError, parseBody } from '../common/api-error';
import { newId } from '../common/ids';
import { workflowsNaming } from '../workflows/workflow.references';
import { ManagerEntity } from './manager.entity';
import type { ManagerRecord } from './manager.directory';

@Injectable()
export class ManagersService {
  constructor(private readonly app: AppContext) {}

  async list() {
    const rows = await this.app.sql.query<{ manager_id: string; n: number | string }>(
      'SELECT manager_id, count(*) AS n FROM leads WHERE open = TRUE AND manager_id IS NOT NULL GROUP BY manager_id',
    );
    const open = new Map(rows.map((row) => [row.manager_id, Number(row.n)]));
    return this.app.managers.all().map((m) => this.view(m, open.get(m.id) ?? 0));
  }

  async get(id: string) {
    const manager = await this.find(id);
    const row = await this.app.sql.one<{ n: number | string }>(
      'SELECT count(*) AS n FROM leads WHERE manager_id = ? AND open = TRUE',
      [id],
    );
    return this.view(manager, Number(row?.n ?? 0));
  }

  async create(body: unknown) {
    const input = parseBody(newManagerSchema, body);
    await this.app.refreshConfig();
    const id = newId();
    await this.app.storage.configWrite(
      async (em) => {
        this.assertEmailFree(input.email);
        const now = this.app.now();
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
        await em.getRepository(ManagerEntity).insert(entity);
      },
      () => this.app.reloadConfig(),
    );
    return this.get(id);
  }

  async update(id: string, body: unknown) {
    const patch = parseBody(managerPatchSchema, body);
    await this.app.refreshConfig();
    await this.app.storage.configWrite(
      async (em) => {
        const current = await this.find(id);
        if (patch.email !== undefined && patch.email !== current.email) {
          this.assertEmailFree(patch.email);
          const naming = await workflowsNaming(this.app.sql, current.email, em);
          if (naming.length) {
            throw ApiError.conflict(
              `${current.email} is named in ${naming.map((w) => `workflow "${w.name}"`).join(', ')}; remove it there before changing the email`,
              [{ path: 'email', message: 'named in a workflow' }],
            );
          }
        }
        const changes: Partial<ManagerEntity> = { updatedAt: this.app.now() };
        if (patch.name !== undefined) changes.name = patch.name;
        if (patch.email !== undefined) changes.email = patch.email;
        if (patch.active !== undefined) changes.active = patch.active;
        if (patch.available !== undefined) changes.available = patch.available;
        if (patch.awayUntil !== undefined)
          changes.awayUntil = patch.awayUntil === null ? null : Date.parse(patch.awayUntil);
        if (patch.workingHours !== undefined) changes.workingHours = patch.workingHours;
        if (patch.capacity !== undefined) changes.capacity = patch.capacity;
        if (patch.attributes !== undefined) changes.attributes = patch.attributes;
        await em.getRepository(ManagerEntity).update({ id }, changes);
      },
      () => this.app.reloadConfig(),
    );
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.app.refreshConfig();
    await this.app.storage.configWrite(
      async (em) => {
        const manager = await this.find(id);
        const leads = Number(
          (
            await this.app.sql.one<{ n: number | string }>(
              'SELECT count(*) AS n FROM leads WHERE manager_id = ?',
              [id],
              em,
            )
          )?.n ?? 0,
        );
        const naming = await workflowsNaming(this.app.sql, manager.email, em);
        if (leads > 0 || naming.length > 0) {
          const reasons = [
            ...(leads > 0 ? [`manages ${leads} lead${leads === 1 ? '' : 's'}`] : []),
            ...naming.map((w) => `is named in workflow "${w.name}"`),
          ];
          throw ApiError.conflict(
            `${manager.name} <${manager.email}> ${reasons.join(' and ')}; set "active": false to retire them instead`,
          );
        }
        await em.getRepository(ManagerEntity).delete({ id });
      },
      () => this.app.reloadConfig(),
    );
  }

  private async find(id: string): Promise<ManagerRecord> {
    let manager = this.app.managers.byIdOrUndefined(id);
    if (!manager) {
      // Perhaps created by another process since this one loaded the team.
      await this.app.refreshConfig();
      manager = this.app.managers.byIdOrUndefined(id);
    }
    if (!manager) throw ApiError.notFound('Manager', id);
    return manager;
  }

  private assertEmailFree(email: string): void {
    if (this.app.managers.byEmailOrUndefined(email)) {
      throw ApiError.conflict(`A manager with email ${email} exists already`, [
        { path: 'email', message: `${email} is taken` },
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
