import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { fieldPatchSchema, newFieldSchema } from '@leadflow/api';
import { BUILT_IN_FIELDS, fieldOptionUses, type FieldDef, type WorkflowFile } from '@leadflow/workflow';
import { AppContext } from '../app.context';
import { ApiError, parseBody } from '../common/api-error';
import { FieldEntity } from './field.entity';

const builtIn = new Set(BUILT_IN_FIELDS.map((field) => field.key));

@Injectable()
export class FieldsService {
  constructor(private readonly app: AppContext) {}

  list(): FieldDef[] {
    return this.app.fields.all();
  }

  async create(body: unknown): Promise<FieldDef> {
    const input = parseBody(newFieldSchema, body);
    await this.app.refreshConfig();
    await this.app.storage.configWrite(
      async (em) => {
        if (this.app.fields.get(input.key)) {
          throw ApiError.conflict(`A field "${input.key}" exists already`, [
            { path: 'key', message: `"${input.key}" is taken` },
          ]);
        }
        await em.getRepository(FieldEntity).insert({
          key: input.key,
          label: input.label,
          type: input.type,
          options: input.options ?? null,
          builtIn: false,
          createdAt: this.app.now(),
        });
      },
      () => this.app.reloadConfig(),
    );
    return this.app.fields.get(input.key)!;
  }

  /**
   * Changes a custom field's label and, for a select field, its options (api.md, Fields). The key
   * and type stay: leads and workflows refer to them. Refused: a built-in field (409), an unknown
   * key (404), options on a field that is not a select (400), and removing an option that the
   * latest version of a workflow uses (409, naming the workflows and nodes). Leads that hold a
   * removed option keep it; writing it again is refused.
   */
  async update(key: string, body: unknown): Promise<FieldDef> {
    const patch = parseBody(fieldPatchSchema, body);
    await this.app.refreshConfig();
    await this.app.storage.configWrite(
      async (em) => {
        const field = await em.getRepository(FieldEntity).findOneBy({ key });
        if (!field) {
          if (builtIn.has(key))
            throw ApiError.conflict(`"${key}" is a built-in field: its label and type cannot be changed`);
          throw ApiError.notFound('Field', key);
        }
        if (field.builtIn)
          throw ApiError.conflict(`"${key}" is a built-in field: its label and type cannot be changed`);
        if (patch.options && field.type !== 'select') {
          throw ApiError.invalid([
            {
              path: 'options',
              message: `only a select field has options; "${key}" is a ${field.type} field`,
            },
          ]);
        }
        const changes: Partial<FieldEntity> = {};
        if (patch.label !== undefined) changes.label = patch.label;
        if (patch.options) {
          const removed = (field.options ?? []).filter((option) => !patch.options!.includes(option));
          if (removed.length > 0) {
            const users = await this.workflowsUsing(key, removed, em);
            if (users.length > 0) {
              throw ApiError.conflict(
                `${users.map((u) => `workflow "${u.name}" uses ${quote(u.options)} (${u.nodes.join(', ')})`).join('; ')}: change those workflows before removing the option`,
                users.flatMap((u) =>
                  u.options.map((option) => ({
                    path: 'options',
                    message: `"${option}" is used by workflow "${u.name}"`,
                  })),
                ),
              );
            }
          }
          changes.options = patch.options;
        }
        if (Object.keys(changes).length > 0) await em.getRepository(FieldEntity).update({ key }, changes);
      },
      () => this.app.reloadConfig(),
    );
    return this.app.fields.get(key)!;
  }

  /**
   * Deletes a custom field that nothing uses (api.md, Fields): no lead holds a value for it and no
   * version of a workflow names it (`"field": "<key>"` or `lead.<key>`). Refused: a built-in field
   * (409), an unknown key (404), a field in use (409, saying how many leads and which workflows).
   */
  async remove(key: string): Promise<void> {
    await this.app.refreshConfig();
    await this.app.storage.configWrite(
      async (em) => {
        const field = await em.getRepository(FieldEntity).findOneBy({ key });
        if (!field) {
          if (builtIn.has(key)) throw ApiError.conflict(`"${key}" is a built-in field: it cannot be deleted`);
          throw ApiError.notFound('Field', key);
        }
        // A text search, so it may find more than a real use (the key quoted inside a value), never less.
        const leads = Number(
          (
            await this.app.sql.one<{ n: number | string }>(
              'SELECT count(*) AS n FROM leads WHERE fields LIKE ?',
              [`%${JSON.stringify(key)}:%`],
              em,
            )
          )?.n ?? 0,
        );
        const workflows = await this.app.sql.query<{ name: string }>(
          `SELECT DISTINCT w.name FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id
           WHERE v.definition LIKE ? OR v.definition LIKE ? ORDER BY w.name`,
          [`%"field":${JSON.stringify(key)}%`, `%"lead.${key}"%`],
          em,
        );
        if (leads > 0 || workflows.length > 0) {
          const uses = [
            ...(leads > 0 ? [`${leads} lead${leads === 1 ? ' holds' : 's hold'} a value for it`] : []),
            ...workflows.map((w) => `workflow "${w.name}" uses it`),
          ];
          throw ApiError.conflict(`The field "${key}" is in use: ${uses.join('; ')}`);
        }
        await em.getRepository(FieldEntity).delete({ key });
      },
      () => this.app.reloadConfig(),
    );
  }

  /** The workflows whose latest version uses one of `options` of the field `key`. */
  private async workflowsUsing(key: string, options: string[], em: EntityManager) {
    const rows = await this.app.sql.query<{ name: string; definition: string }>(
      `SELECT w.name, v.definition FROM workflows w
       JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.version ORDER BY w.created_at, w.id`,
      [],
      em,
    );
    return rows.flatMap((row) => {
      const uses = fieldOptionUses(JSON.parse(row.definition) as WorkflowFile, key, options);
      return uses.size === 0
        ? []
        : [{ name: row.name, options: [...uses.keys()], nodes: [...new Set([...uses.values()].flat())] }];
    });
  }
}

const quote = (values: string[]) => values.map((value) => JSON.stringify(value)).join(', ');
