import { z } from 'zod';
import { fieldValueSchema, MAX_LEAD_TAGS } from '@leadflow/workflow';
import { recordWithoutPrototypeKeys } from './records';

const tag = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

/**
 * A lead's field values by key. Only the shape is checked here; which keys exist and which values
 * fit them depends on the installation's fields (`GET /api/fields`), checked by the server.
 */
const leadFieldsInput = recordWithoutPrototypeKeys(z.string(), z.unknown(), {
  error: 'must be an object of field values',
});

/** `POST /api/leads`: a lead's fields and optional tags. */
export const newLeadSchema = z
  .strictObject({
    fields: leadFieldsInput,
    tags: z
      .array(tag, { error: 'must be a list of tags' })
      .max(MAX_LEAD_TAGS, { error: `must hold at most ${MAX_LEAD_TAGS} tags` })
      .optional(),
  })
  .meta({ id: 'NewLead' });
export type NewLead = z.infer<typeof newLeadSchema>;

/** `PATCH /api/leads/:id`: the fields to change; `null` clears one. */
export const leadPatchSchema = z.strictObject({ fields: leadFieldsInput }).meta({ id: 'LeadPatch' });
export type LeadPatch = z.infer<typeof leadPatchSchema>;

/** `POST /api/leads/:id/tags`. Tags compare without regard to case. */
export const newTagSchema = z.strictObject({ tag }).meta({ id: 'NewTag' });
export type NewTag = z.infer<typeof newTagSchema>;

/** A lead as the API answers it; `fields.manager` is the manager's email or null. */
export const leadSchema = z
  .object({
    id: z.string(),
    fields: z.record(z.string(), fieldValueSchema),
    tags: z.array(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof leadSchema>;

export const leadTagParamsSchema = z.object({ id: z.string(), tag: z.string() });
