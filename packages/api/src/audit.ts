import { z } from 'zod';
import { CREDENTIAL_TYPES } from './accounts';
import { pagingQuerySchema } from './common';

/** What the audit log records writes to (access.md): configuration, never leads. */
export const AUDIT_ENTITIES = [
  'workflow',
  'manager',
  'field',
  'user',
  'key',
  'source',
  'connection',
  'webhook',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export const auditEntitySchema = z.enum(AUDIT_ENTITIES, {
  error: `must be one of ${AUDIT_ENTITIES.map((entity) => `"${entity}"`).join(', ')}`,
});

/**
 * One write to configuration, recorded in the same transaction as the write: when (`at`), by whom
 * (`actor`: a user or an API key, by id and name), what (`action`, `<entity>.<verb>` such as
 * `workflow.saved`), on which `entity` and `entityId`, and a `summary` a person reads ("saved
 * version 3", "available: true → false"). Never a secret or a password.
 */
export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.object({ type: z.enum(CREDENTIAL_TYPES), id: z.string(), name: z.string() }),
    action: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/),
    entity: z.enum(AUDIT_ENTITIES),
    entityId: z.string(),
    summary: z.string(),
  })
  .refine((entry) => entry.action.startsWith(`${entry.entity}.`), {
    error: 'action must start with the entity',
    path: ['action'],
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * `GET /api/audit?entity=&entityId=&limit=&offset=`: the entries about one kind of entity, or one
 * entity, newest first; `limit` from 1 to 1,000 (default 50).
 */
export const auditQuerySchema = z.object({
  entity: auditEntitySchema.optional(),
  entityId: z.string().optional(),
  ...pagingQuerySchema.shape,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
