import { Injectable } from '@nestjs/common';
import { newFieldSchema } from '@leadflow/api';
import type { FieldDef } from '@leadflow/workflow';
import { AppContext } from '../app.context';
import { ApiError, parseBody } from '../common/api-error';
import { FieldEntity } from './field.entity';

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
