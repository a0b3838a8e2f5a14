import { z } from 'zod';

/** `GET /api/health`: the process takes requests. */
export const healthSchema = z.object({ status: z.literal('ok') });

/** `GET /api/ready`: the database (and Redis in the scaled-out mode) answer; 503 with `unavailable` otherwise. */
export const readinessSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  role: z.enum(['all', 'api', 'worker']),
  database: z.boolean(),
  redis: z.boolean().optional(),
});
export type Readiness = z.infer<typeof readinessSchema>;
