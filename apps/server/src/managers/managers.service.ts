import { Injectable } from '@nestjs/common';
import { AppContext } from '../app.context';
import { ApiError, parseBody } from '../common/api-error';
import { newId } from '../common/ids';
import { workflowsNaming } from '../workflows/workflow.references';
import { ManagerEntity } from './manager.entity';
import type { ManagerRecord } from './manager.directory';
import { managerPatchSchema, newManagerSchema } from './manager.schema';

@Injectable()
export class ManagersService {
  constructor(private readonly app: AppContext) {}

  list() {
    return this.app.managers.all().map((m) => this.view(m));
  }

  get(id: string) {
    return this.view(this.find(id));
  }

  async create(body: unknown) {
    const input = parseBody(newManagerSchema, body);
    return this.app.writer.exclusive(async () => {
      this.assertEmailFree(input.email);
      const now = this.app.now();
      const entity: ManagerEntity = {
        id: newId(),
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
      await this.app.dataSource.getRepository(ManagerEntity).insert(entity);
      this.app.managers.reload();
      return this.get(entity.id);
    });
  }

  async update(id: string, body: unknown) {
    const patch = parseBody(managerPatchSchema, body);
    return this.app.writer.exclusive(async () => {
      const current = this.find(id);
      if (patch.email !== undefined && patch.email !== current.email) {
        this.assertEmailFree(patch.email);
        const naming = workflowsNaming(this.app.db, current.email);
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
      if (patch.awayUntil !== undefined) changes.awayUntil = patch.awayUntil === null ? null : Date.parse(patch.awayUntil);
      if (patch.workingHours !== undefined) changes.workingHours = patch.workingHours;
      if (patch.capacity !== undefined) changes.capacity = patch.capacity;
      if (patch.attributes !== undefined) changes.attributes = patch.attributes;
      await this.app.dataSource.getRepository(ManagerEntity).update({ id }, changes);
      this.app.managers.reload();
      return this.get(id);
    });
  }

  async remove(id: string): Promise<void> {
    await this.app.writer.exclusive(async () => {
      const manager = this.find(id);
      const leads = (this.app.db.prepare('SELECT count(*) AS n FROM leads WHERE manager_id = ?').get(id) as { n: number }).n;
      const naming = workflowsNaming(this.app.db, manager.email);
      if (leads > 0 || naming.length > 0) {
        const reasons = [
          ...(leads > 0 ? [`manages ${leads} lead${leads === 1 ? '' : 's'}`] : []),
          ...naming.map((w) => `is named in workflow "${w.name}"`),
        ];
        throw ApiError.conflict(`${manager.name} <${manager.email}> ${reasons.join(' and ')}; set "active": false to retire them instead`);
      }
      await this.app.dataSource.getRepository(ManagerEntity).delete({ id });
      this.app.managers.reload();
    });
  }

  private find(id: string): ManagerRecord {
    const manager = this.app.managers.byIdOrUndefined(id);
    if (!manager) throw ApiError.notFound('Manager', id);
    return manager;
  }

  private assertEmailFree(email: string): void {
    if (this.app.managers.byEmailOrUndefined(email)) {
      throw ApiError.conflict(`A manager with email ${email} exists already`, [{ path: 'email', message: `${email} is taken` }]);
    }
  }

  private view(m: ManagerRecord) {
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
      openLeads: this.app.managers.openLeads(m.id),
      createdAt: new Date(m.createdAt).toISOString(),
      updatedAt: new Date(m.updatedAt).toISOString(),
    };
  }
}
