import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { validateFieldKey, type FieldDef } from '@leadflow/workflow';
import { AppContext } from '../app.context';
import { ApiError, parseBody } from '../common/api-error';
import { FieldEntity } from './field.entity';

const newFieldSchema = z
  .strictObject({
    key: z.string({ error: 'must be a string' }),
    label: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
    type: z.enum(['text', 'number', 'boolean', 'date', 'select'], { error: 'must be "text", "number", "boolean", "date" or "select"' }),
    options: z
      .array(z.string().trim().min(1, { error: 'must not be empty' }).max(200), { error: 'must be a list of strings' })
      .min(1, { error: 'must hold at least one option' })
      .max(500)
      .optional(),
  })
  .superRefine((field, ctx) => {
    const keyProblem = validateFieldKey(field.key);
    if (keyProblem) ctx.addIssue({ code: 'custom', path: ['key'], message: keyProblem });
    if (field.type === 'select' && !field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a select field needs its options' });
    if (field.type !== 'select' && field.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a select field has options' });
    if (field.options && new Set(field.options).size !== field.options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be unique' });
    }
  });

@Injectable()
export class FieldsService {
  constructor(private readonly app: AppContext) {}

  list(): FieldDef[] {
    return this.app.fields.all();
  }

  async create(body: unknown): Promise<FieldDef> {
    const input = parseBody(newFieldSchema, body);
    await this.app.refreshConfig();
    await this.app.storage.configWrite(async (em) => {
      if (this.app.fields.get(input.key)) {
        throw ApiError.conflict(`A field "${input.key}" exists already`, [{ path: 'key', message: `"${input.key}" is taken` }]);
      }
      await em.getRepository(FieldEntity).insert({
        key: input.key,
        label: input.label,
        type: input.type,
        options: input.options ?? null,
        builtIn: false,
        createdAt: this.app.now(),
      });
    }, () => this.app.reloadConfig());
    return this.app.fields.get(input.key)!;
  }
}
