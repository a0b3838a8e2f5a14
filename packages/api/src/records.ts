import { z } from 'zod';
import { isForbiddenKey, problemParams } from '@leadflow/workflow';

/**
 * `z.record(key, value)` that refuses a key such as `__proto__` (with its path) where zod alone
 * would drop it silently from the record it builds. The server's body parser refuses such keys
 * first; this keeps any other caller from losing a value without a word.
 */
export function recordWithoutPrototypeKeys<K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K,
  value: V,
  params: { error: string },
) {
  return z
    .unknown()
    .superRefine((input, ctx) => {
      if (typeof input !== 'object' || input === null) return;
      for (const name of Object.keys(input)) {
        if (isForbiddenKey(name))
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `"${name}" is not allowed as a key`,
            params: problemParams('forbidden_key'),
          });
      }
    })
    .pipe(z.record(key, value, params));
}
