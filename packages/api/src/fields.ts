import { z } from 'zod';
import { FIELD_TYPES, problemParams, validateFieldKey } from '@leadflow/workflow';

/** The types a custom field may have; `manager` is built in only (the `manager` field). */
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'select'] as const;

const label = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });
const options = z
  .array(z.string().trim().min(1, { error: 'must not be empty' }).max(200), {
    error: 'must be a list of strings',
  })
  .min(1, { error: 'must hold at least one option' })
  .max(500);

/** A lead field as `GET /api/fields` lists it; `options` are the choices of a `select` field. */
export const fieldSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(FIELD_TYPES),
    options: z.array(z.string()).optional(),
  })
  .meta({ id: 'Field' });
export type Field = z.infer<typeof fieldSchema>;

/** `POST /api/fields`: a custom field. `key` spelled `^[a-z][A-Za-z0-9_]{0,39}$`, not a built-in one. */
export const newFieldSchema = z
  .strictObject({
    key: z.string({ error: 'must be a string' }),
    label,
    type: z.enum(CUSTOM_FIELD_TYPES, { error: 'must be "text", "number", "boolean", "date" or "select"' }),
    options: options.optional(),
  })
  .superRefine((field, ctx) => {
    const keyProblem = validateFieldKey(field.key);
    if (keyProblem)
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message: keyProblem,
        params: problemParams('invalid_field_key'),
      });
    if (field.type === 'select' && !field.options)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a select field needs its options',
        params: problemParams('required'),
      });
    if (field.type !== 'select' && field.options)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'only a select field has options',
        params: problemParams('not_applicable'),
      });
    if (field.options && new Set(field.options).size !== field.options.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'options must be unique',
        params: problemParams('duplicate_value'),
      });
    }
  })
  .meta({ id: 'NewField' });
export type NewField = z.infer<typeof newFieldSchema>;

/** A property a patch may not hold: refused with `message` when present. */
const refused = (message: string) =>
  z
    .unknown()
    .refine((value) => value === undefined, { error: message })
    .optional()
    .meta({ description: `Not allowed: ${message}` });

/**
 * `PATCH /api/fields/:key`: a custom field's new label, or a select field's new options. The key and
 * the type stay (leads and workflows refer to them).
 */
export const fieldPatchSchema = z
  .strictObject({
    key: refused('a field keeps its key: leads and workflows refer to the field by it'),
    type: refused('a field keeps its type: the values leads hold were checked against it'),
    label: label.optional(),
    options: options
      .refine((list) => new Set(list).size === list.length, {
        error: 'options must be unique',
        params: problemParams('duplicate_value'),
      })
      .optional(),
  })
  .meta({ id: 'FieldPatch' });
export type FieldPatch = z.infer<typeof fieldPatchSchema>;

export const fieldKeyParamsSchema = z.object({ key: z.string() });
