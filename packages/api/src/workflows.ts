import { z } from 'zod';
import { workflowSchema } from '@leadflow/workflow';
import { issueSchema } from './errors';

/**
 * A workflow file (workflow-format.md), the body of `POST /api/workflows`, `…/import` and
 * `PUT /api/workflows/:id`. The server checks it with `parseWorkflow`, which also knows the
 * installation's fields and managers.
 */
export const workflowFileSchema = workflowSchema.meta({ id: 'WorkflowFile' });

/** A workflow in `GET /api/workflows`: no definition; when it last ran and how often today (UTC). */
export const workflowSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean(),
    version: z.number().int(),
    // Sent by this server, not promised by api.md.
    createdAt: z.iso.datetime().optional(),
    updatedAt: z.iso.datetime().optional(),
    lastRunAt: z.iso.datetime().nullable().optional(),
    runsToday: z.number().int().optional(),
  })
  .meta({ id: 'WorkflowSummary' });
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;

/**
 * Something worth knowing about an activation that does not block it, e.g. an active workflow whose
 * trigger overlaps this one's and that writes the same field (named by its `name` and `id`).
 */
export const activationWarningSchema = z.object({
  message: z.string(),
  workflowId: z.string(),
  name: z.string(),
  field: z.string(),
});
export type ActivationWarning = z.infer<typeof activationWarningSchema>;

/** One workflow with its current definition and what would block its activation (`problems`, empty when none). */
export const workflowRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean(),
    version: z.number().int(),
    // Sent by this server, not promised by api.md.
    createdAt: z.iso.datetime().optional(),
    updatedAt: z.iso.datetime().optional(),
    problems: z.array(issueSchema),
    definition: workflowFileSchema,
    /** On `POST /api/workflows/:id/activate` answers: the warnings (empty when none). */
    warnings: z.array(activationWarningSchema).optional(),
  })
  .meta({ id: 'Workflow' });
export type WorkflowRecord = z.infer<typeof workflowRecordSchema>;

/** `If-Match` of `PUT /api/workflows/:id`: the version edited; a newer saved version refuses the save (409). */
export const saveWorkflowHeadersSchema = z.object({
  'If-Match': z
    .string()
    .optional()
    .meta({ description: 'The version edited: refused with 409 when a newer one was saved meanwhile' }),
});

export const workflowNodeParamsSchema = z.object({ id: z.string(), nodeId: z.string() });
