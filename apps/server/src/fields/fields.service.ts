import { Injectable } from '@nestjs/common';
import { fieldPatchSchema, newFieldSchema } from '@leadflow/api';
import { BUILT_IN_FIELDS, fieldOptionUses, type FieldDef } from '@leadflow/workflow';
import { ApiError, parseBody } from '../common/api-error';
import { Clock } from '../common/clock';
import { ConfigCache } from '../config-cache/config-cache';
import type { Transaction } from '../database/connection';
import type { FieldEntity } from '../database/entities/field.entity';
import { LeadRepository } from '../leads/lead.repository';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { FieldRepository } from './field.repository';

const builtIn = new Set(BUILT_IN_FIELDS.map((field) => field.key));

@Injectable()
export class FieldsService {
  constructor(
    private readonly fields: FieldRepository,
    private readonly leads: LeadRepository,
    private readonly workflows: WorkflowRepository,
    private readonly config: ConfigCache,
    private readonly clock: Clock,
  ) {}

  list(): FieldDef[] {
    return this.config.fields.all();
  }

  async create(body: unknown): Promise<FieldDef> {
    const input = parseBody(newFieldSchema, body);
    await this.config.refresh();
    await this.config.write(async (tx) => {
      if (this.config.fields.get(input.key)) {
        throw ApiError.conflict(`A field "${input.key}" exists already`, [
          { code: 'duplicate_value', path: 'key', message: `"${input.key}" is taken` },
        ]);
      }
      await this.fields.insert(tx, {
        key: input.key,
        label: input.label,
        type: input.type,
        options: input.options ?? null,
        builtIn: false,
        createdAt: this.clock.now(),
      });
    });
    return this.config.fields.get(input.key)!;
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
    await this.config.refresh();
    await this.config.write(async (tx) => {
      const field = await this.fields.find(tx, key);
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
            code: 'not_applicable',
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
          const users = await this.workflowsUsing(key, removed, tx);
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
      if (Object.keys(changes).length > 0) await this.fields.update(tx, key, changes);
    });
    return this.config.fields.get(key)!;
  }

  /**
   * Deletes a custom field that nothing uses (api.md, Fields): no lead holds a value for it and no
   * version of a workflow names it (`"field": "<key>"` or `lead.<key>`). Refused: a built-in field
   * (409), an unknown key (404), a field in use (409, saying how many leads and which workflows).
   */
  async remove(key: string): Promise<void> {
    await this.config.refresh();
    await this.config.write(async (tx) => {
      const field = await this.fields.find(tx, key);
      if (!field) {
        if (builtIn.has(key)) throw ApiError.conflict(`"${key}" is a built-in field: it cannot be deleted`);
        throw ApiError.notFound('Field', key);
      }
      const leads = await this.leads.countHolding(key, tx);
      const workflows = await this.workflows.namesUsingField(key, tx);
      if (leads > 0 || workflows.length > 0) {
        const uses = [
          ...(leads > 0 ? [`${leads} lead${leads === 1 ? ' holds' : 's hold'} a value for it`] : []),
          ...workflows.map((name) => `workflow "${name}" uses it`),
        ];
        throw ApiError.conflict(`The field "${key}" is in use: ${uses.join('; ')}`);
      }
      await this.fields.remove(tx, key);
    });
  }

  /** The workflows whose latest version uses one of `options` of the field `key`. */
  private async workflowsUsing(key: string, options: string[], tx: Transaction) {
    const rows = await this.workflows.currentDefinitions(tx);
    return rows.flatMap((row) => {
      const uses = fieldOptionUses(row.definition, key, options);
      return uses.size === 0
        ? []
        : [{ name: row.name, options: [...uses.keys()], nodes: [...new Set([...uses.values()].flat())] }];
    });
  }
}

const quote = (values: string[]) => values.map((value) => JSON.stringify(value)).join(', ');
