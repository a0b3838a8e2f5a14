import { z } from 'zod';
import { pagingQuerySchema } from './common';
import { fieldValueSchema, STICKY_BY, STRATEGIES, TRIGGER_EVENTS } from '@leadflow/workflow';

/** Where a run is: still `running`, `waiting` at a wait node, or ended (`completed`, `failed` with a reason, `skipped`). */
export const RUN_STATUSES = ['running', 'waiting', 'completed', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const runStatusSchema = z.enum(RUN_STATUSES);

/** Why an assignment passed over a candidate value (the engine's eligibility rules). */
export const SKIP_REASONS = [
  'current',
  'unknownManager',
  'inactive',
  'unavailable',
  'away',
  'outsideWorkingHours',
  'invalidWorkingHours',
  'atCapacity',
  'condition',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A filter's step: `values` (optional) are the lead values its condition read. */
export const filterDetailSchema = z.object({ values: z.record(z.string(), z.unknown()).optional() });
export type FilterDetail = z.infer<typeof filterDetailSchema>;

/** A `set` or `clear` update: the field and its value before and after. */
export const fieldUpdateDetailSchema = z.object({
  field: z.string(),
  from: fieldValueSchema,
  to: fieldValueSchema,
});
export type FieldUpdateDetail = z.infer<typeof fieldUpdateDetailSchema>;

/**
 * A `replaceWithOneOf` update: the value `given` (null when none could be), the `strategy`, the
 * `reason` it was given (`rotation`, `owedTurn`, `weighted`, `leastLoaded`, `random`, `sticky`) or
 * none was (`noValues`, `noEligibleValue`), the candidates `skipped` and why, and for a sticky
 * assignment the `account` it followed.
 */
export const assignmentDetailSchema = z.object({
  field: z.string(),
  from: fieldValueSchema,
  to: fieldValueSchema,
  given: fieldValueSchema,
  strategy: z.enum(STRATEGIES),
  reason: z.string(),
  skipped: z.array(z.object({ value: fieldValueSchema, reason: z.enum(SKIP_REASONS) })),
  account: z.object({ by: z.enum(STICKY_BY), key: z.string() }).optional(),
});
export type AssignmentDetail = z.infer<typeof assignmentDetailSchema>;

/** `addTag` / `removeTag`: the tag; `reason` when it could not be added (the lead holds the most tags it can). */
export const tagDetailSchema = z.object({ tag: z.string(), reason: z.string().optional() });
export type TagDetail = z.infer<typeof tagDetailSchema>;

/** A wait, when scheduled: its duration (ISO 8601, `"P2D"`) and when it ends (ISO 8601). */
export const waitDetailSchema = z.object({ duration: z.string(), until: z.iso.datetime() });
export type WaitDetail = z.infer<typeof waitDetailSchema>;

/** A split: the branch taken and the lead's bucket (0–99) that chose it. */
export const splitDetailSchema = z.object({ branch: z.string(), bucket: z.number().int() });
export type SplitDetail = z.infer<typeof splitDetailSchema>;

/** What a step records beyond its outcome, by node type (run-workflow.ts writes them). */
export interface StepDetailByType {
  trigger: never;
  filter: FilterDetail;
  updateField: FieldUpdateDetail | AssignmentDetail;
  addTag: TagDetail;
  removeTag: TagDetail;
  wait: WaitDetail;
  split: SplitDetail;
}
export type StepDetail = StepDetailByType[keyof StepDetailByType];

const at = z.iso.datetime();
const nodeId = z.string();

/**
 * One node a run passed, with its `outcome`: `matched` for the trigger, `pass`/`fail` for a filter,
 * `changed`/`unchanged` for an action, `scheduled`/`resumed` for a wait, the branch id for a split.
 */
export const stepSchema = z
  .discriminatedUnion('type', [
    z.object({ nodeId, type: z.literal('trigger'), outcome: z.literal('matched'), at }),
    z.object({
      nodeId,
      type: z.literal('filter'),
      outcome: z.enum(['pass', 'fail']),
      detail: filterDetailSchema.optional(),
      at,
    }),
    z.object({
      nodeId,
      type: z.literal('updateField'),
      outcome: z.enum(['changed', 'unchanged']),
      detail: z.union([assignmentDetailSchema, fieldUpdateDetailSchema]),
      at,
    }),
    z.object({
      nodeId,
      type: z.literal('addTag'),
      outcome: z.enum(['changed', 'unchanged']),
      detail: tagDetailSchema,
      at,
    }),
    z.object({
      nodeId,
      type: z.literal('removeTag'),
      outcome: z.enum(['changed', 'unchanged']),
      detail: tagDetailSchema,
      at,
    }),
    z.object({
      nodeId,
      type: z.literal('wait'),
      outcome: z.enum(['scheduled', 'resumed']),
      detail: waitDetailSchema.optional(),
      at,
    }),
    z.object({ nodeId, type: z.literal('split'), outcome: z.string(), detail: splitDetailSchema, at }),
  ])
  .meta({ id: 'Step' });
export type Step = z.infer<typeof stepSchema>;

/** The event a run answers: its type, for `lead.fieldUpdated` the field with its old and new value, for `lead.tagAdded` the tag. */
export const runEventSchema = z.object({
  // `id` and `depth` are sent by this server, not promised by api.md.
  id: z.string().optional(),
  type: z.enum(TRIGGER_EVENTS),
  field: z.string().optional(),
  from: fieldValueSchema.optional(),
  to: fieldValueSchema.optional(),
  tag: z.string().optional(),
  /** 0 for an event of the API; 1 and more for an event a run's own change caused. */
  depth: z.number().int().optional(),
});

/** One run of a workflow on a lead's event, with its steps in order. `wakeAt`: when a waiting run goes on. */
export const runSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    workflowVersion: z.number().int(),
    leadId: z.string(),
    event: runEventSchema,
    status: runStatusSchema,
    reason: z.string().optional(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    wakeAt: z.iso.datetime().optional(),
    steps: z.array(stepSchema),
  })
  .meta({ id: 'Run' });
export type Run = z.infer<typeof runSchema>;

/** `GET /api/runs` filters and page; the server reads and words them itself (`paging()`, the status check). */
export const runsQuerySchema = z.object({
  leadId: z.string().optional(),
  workflowId: z.string().optional(),
  status: runStatusSchema.optional(),
  ...pagingQuerySchema.shape,
});
