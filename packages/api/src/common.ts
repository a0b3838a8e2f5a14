import { normalizeEmail } from '@leadflow/workflow';
import { z } from 'zod';

/** An email address as a request gives it (a manager's, a user's): trimmed, checked, stored lower-case. */
export const emailAddressSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .max(320)
  .pipe(z.email({ error: 'must be an email address' }))
  .transform(normalizeEmail);

/** `:id` in a path. */
export const idParamsSchema = z.object({ id: z.string() });

/** The largest page a list route answers. */
export const MAX_PAGE = 1000;

/**
 * `?limit=&offset=` of a list route: `limit` from 1 to 1,000 (default 50), `offset` from 0 (default 0).
 * For the document: the server reads these with `paging()`, which words its errors itself.
 */
export const pagingQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .optional()
    .meta({ description: 'How many, from 1 to 1,000 (default 50)' }),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'How many to pass over (default 0)' }),
});
