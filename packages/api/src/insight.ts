import { z } from 'zod';
import { fieldValueSchema } from '@leadflow/workflow';

/**
 * `GET /api/workflows/:id/nodes/:nodeId/rotation`: per value, how many runs of this node gave it
 * (all versions), in the last 7 days, and when last; `onList` is false for a value only an earlier
 * version listed. `next`: the value the next run would give if everyone available were eligible.
 */
export const rotationInsightSchema = z
  .object({
    values: z.array(
      z.object({
        value: fieldValueSchema,
        given: z.number().int(),
        givenLast7Days: z.number().int(),
        lastGivenAt: z.iso.datetime().nullable(),
        onList: z.boolean().optional(),
      }),
    ),
    next: fieldValueSchema,
  })
  .meta({ id: 'RotationInsight' });
export type RotationInsight = z.infer<typeof rotationInsightSchema>;

/**
 * `GET /api/workflows/:id/splits/:nodeId`: leads sent down each branch, how many are `Won` now and the
 * rate (null without leads); the p-value (null while there is too little data) and a verdict in words.
 */
export const splitInsightSchema = z
  .object({
    branches: z.array(
      z.object({
        id: z.string(),
        leads: z.number().int(),
        won: z.number().int(),
        rate: z.number().nullable(),
      }),
    ),
    pValue: z.number().nullable(),
    verdict: z.string(),
  })
  .meta({ id: 'SplitInsight' });
export type SplitInsight = z.infer<typeof splitInsightSchema>;
