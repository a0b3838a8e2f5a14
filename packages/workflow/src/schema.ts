import { z } from 'zod';
import { validateFieldKey } from './fields';
import { previewValue, problemParams, quoteList } from './problem';

/** The only format version this package reads and writes. */
export const WORKFLOW_FORMAT = 'leadflow.workflow/v1';

export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_NODES = 500;
export const MAX_EDGES = 2000;
/** Activation allows 1..MAX_VALUES values in a replaceWithOneOf node; drafts may hold more or fewer. */
export const MAX_VALUES = 1000;

const id = z
  .string({ error: 'must be a string' })
  .regex(NODE_ID_PATTERN, { error: 'must be 1–64 characters of A-Z, a-z, 0-9, "_" or "-"' });
const label = z.string({ error: 'must be a string' }).max(200, { error: 'must be at most 200 characters' });
// A discriminated union is refused for a value that is no object at all, or for its discriminator.
const unionError =
  (what: string, options: readonly string[]) =>
  (issue: { code?: string }): string =>
    issue.code === 'invalid_type' ? `must be ${what}` : `must be one of ${quoteList(options)}`;

const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: `${what} must be at most ${max} characters` });

export const fieldKeySchema = z.string({ error: 'must be a field key' }).superRefine((key, ctx) => {
  const reason = validateFieldKey(key);
  if (reason) ctx.addIssue({ code: 'custom', message: reason, params: problemParams('invalid_field_key') });
});
export const tagSchema = text('the tag', 100);
/**
 * The most tags a lead holds: the API refuses to add one more, and a workflow's `addTag` adds none
 * past it (its step says so).
 */
export const MAX_LEAD_TAGS = 100;

export const positionSchema = z.strictObject({
  x: z.number({ error: 'must be a number' }).finite(),
  y: z.number({ error: 'must be a number' }).finite(),
});
export type Position = z.infer<typeof positionSchema>;

/** A JSONLogic rule; its safety is checked separately (see jsonlogic.ts) so problems carry exact paths. */
export const conditionSchema = z
  .unknown()
  .refine((value) => value !== undefined, { error: 'is required', params: problemParams('required') });
export type Condition = unknown;

// ---- node data -------------------------------------------------------------------------------

export const TRIGGER_EVENTS = ['lead.created', 'lead.fieldUpdated', 'lead.tagAdded'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export const triggerDataSchema = z.discriminatedUnion(
  'event',
  [
    z.strictObject({ event: z.literal('lead.created'), label: label.optional() }),
    z.strictObject({
      event: z.literal('lead.fieldUpdated'),
      field: fieldKeySchema.optional(),
      label: label.optional(),
    }),
    z.strictObject({ event: z.literal('lead.tagAdded'), tag: tagSchema.optional(), label: label.optional() }),
  ],
  { error: unionError('an object with an "event"', TRIGGER_EVENTS) },
);
export type TriggerData = z.infer<typeof triggerDataSchema>;

export const filterDataSchema = z.strictObject({ condition: conditionSchema, label: label.optional() });
export type FilterData = z.infer<typeof filterDataSchema>;

export const STRATEGIES = ['roundRobin', 'weighted', 'leastLoaded', 'random'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const eligibilitySchema = z.strictObject({
  skipUnavailable: z.boolean({ error: 'must be true or false' }).optional(),
  respectCapacity: z.boolean({ error: 'must be true or false' }).optional(),
  condition: conditionSchema.optional(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const STICKY_BY = ['company', 'emailDomain'] as const;
export const stickySchema = z.strictObject({
  by: z.enum(STICKY_BY, { error: 'must be "company" or "emailDomain"' }),
});
export type Sticky = z.infer<typeof stickySchema>;

/** A value a field can hold. Whether it fits the field's type is checked against the field catalogue. */
export const fieldValueSchema = z.union([z.string(), z.number().finite(), z.boolean(), z.null()], {
  error: 'must be a string, a number, true/false or null',
});
export type FieldValue = z.infer<typeof fieldValueSchema>;

export const setDataSchema = z.strictObject({
  field: fieldKeySchema,
  operation: z.literal('set'),
  value: fieldValueSchema,
  label: label.optional(),
});
export const clearDataSchema = z.strictObject({
  field: fieldKeySchema,
  operation: z.literal('clear'),
  label: label.optional(),
});
export const replaceWithOneOfDataSchema = z.strictObject({
  field: fieldKeySchema,
  operation: z.literal('replaceWithOneOf'),
  values: z.array(fieldValueSchema, { error: 'must be a list of values' }),
  strategy: z.enum(STRATEGIES, { error: `must be one of ${quoteList(STRATEGIES)}` }).optional(),
  weights: z
    .array(z.number().int({ error: 'must be a whole number' }).positive({ error: 'must be positive' }), {
      error: 'must be a list of positive whole numbers',
    })
    .optional(),
  eligibility: eligibilitySchema.optional(),
  sticky: stickySchema.optional(),
  excludeCurrent: z.boolean({ error: 'must be true or false' }).optional(),
  label: label.optional(),
});
export type SetData = z.infer<typeof setDataSchema>;
export type ClearData = z.infer<typeof clearDataSchema>;
export type ReplaceWithOneOfData = z.infer<typeof replaceWithOneOfDataSchema>;

export const UPDATE_OPERATIONS = ['set', 'clear', 'replaceWithOneOf'] as const;
export const updateFieldDataSchema = z.discriminatedUnion(
  'operation',
  [setDataSchema, clearDataSchema, replaceWithOneOfDataSchema],
  { error: unionError('an object with a "field" and an "operation"', UPDATE_OPERATIONS) },
);
export type UpdateFieldData = z.infer<typeof updateFieldDataSchema>;

export const tagDataSchema = z.strictObject({ tag: tagSchema, label: label.optional() });
export type TagData = z.infer<typeof tagDataSchema>;

export const waitDataSchema = z.strictObject({
  duration: z.string({ error: 'must be an ISO 8601 duration such as "PT2H"' }),
  label: label.optional(),
});
export type WaitData = z.infer<typeof waitDataSchema>;

export const splitBranchSchema = z.strictObject({
  id,
  percent: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(99, { error: 'must be at most 99' }),
});
export const splitDataSchema = z.strictObject({
  branches: z.array(splitBranchSchema, { error: 'must be a list of branches' }),
  label: label.optional(),
});
export type SplitBranch = z.infer<typeof splitBranchSchema>;
export type SplitData = z.infer<typeof splitDataSchema>;

// ---- nodes, edges, workflow -------------------------------------------------------------------

const node = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({ id, type: z.literal(type), position: positionSchema.optional(), data });

export const NODE_TYPES = [
  'trigger',
  'filter',
  'updateField',
  'addTag',
  'removeTag',
  'wait',
  'split',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const nodeSchema = z.discriminatedUnion(
  'type',
  [
    node('trigger', triggerDataSchema),
    node('filter', filterDataSchema),
    node('updateField', updateFieldDataSchema),
    node('addTag', tagDataSchema),
    node('removeTag', tagDataSchema),
    node('wait', waitDataSchema),
    node('split', splitDataSchema),
  ],
  { error: unionError('a node: an object with "id", "type" and "data"', NODE_TYPES) },
);
export type WorkflowNode = z.infer<typeof nodeSchema>;
export type NodeOf<T extends NodeType> = Extract<WorkflowNode, { type: T }>;

export const edgeSchema = z.strictObject({
  id,
  source: id,
  target: id,
  /** `pass`/`fail` on a filter, a branch id on a split, `none` on a replaceWithOneOf node. */
  sourceHandle: z.string({ error: 'must be a string' }).nullish(),
});
export type WorkflowEdge = z.infer<typeof edgeSchema>;

const workflowShape = <N extends z.ZodType, E extends z.ZodType>(nodeItem: N, edgeItem: E) =>
  z.strictObject({
    format: z.literal(WORKFLOW_FORMAT, {
      error: (issue) =>
        `must be "${WORKFLOW_FORMAT}", the only format this version reads, not ${previewValue(issue.input)}`,
    }),
    name: text('the name', 200),
    description: z
      .string({ error: 'must be a string' })
      .max(2000, { error: 'must be at most 2,000 characters' })
      .optional(),
    nodes: z
      .array(nodeItem, { error: 'must be a list of nodes' })
      .min(1, { error: 'must hold at least one node' })
      .max(MAX_NODES, { error: `must hold at most ${MAX_NODES} nodes` }),
    edges: z
      .array(edgeItem, { error: 'must be a list of edges' })
      .max(MAX_EDGES, { error: `must hold at most ${MAX_EDGES.toLocaleString('en-US')} edges` }),
  });

/**
 * The whole document's shape. Every object is strict: an unknown key is refused, not dropped.
 * `parseWorkflow` adds the rules between parts (ids, edges, fields, conditions) and reads better.
 */
export const workflowSchema = workflowShape(nodeSchema, edgeSchema);
/** A workflow document as parsed: positions may be missing until laid out. */
export type WorkflowFile = z.infer<typeof workflowSchema>;

/** The document with nodes and edges left unread, so that each is checked (and reported) on its own. */
export const workflowEnvelopeSchema = workflowShape(z.unknown(), z.unknown());

/** A node once laid out: it has a position. */
export type LaidOutNode = WorkflowNode & { position: Position };
/** An edge as `parseWorkflow` returns it: a `null` sourceHandle is left out. */
export type NormalizedEdge = Omit<WorkflowEdge, 'sourceHandle'> & { sourceHandle?: string };
/** A valid workflow as `parseWorkflow` returns it: every node has a position, no sourceHandle is null. */
export type Workflow = Omit<WorkflowFile, 'nodes' | 'edges'> & {
  nodes: LaidOutNode[];
  edges: NormalizedEdge[];
};
