import { z } from 'zod';
import { readWorkingHoursRange } from '@leadflow/engine';
import { normalizeEmail } from '@leadflow/workflow';
import { recordWithoutPrototypeKeys } from '../common/api-error';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]|24):[0-5]\d$/;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const interval = z
  .string({ error: 'must be a time range such as "09:00-17:00"' })
  .regex(HHMM, { error: 'must be a time range such as "09:00-17:00"' })
  // The engine's own reading: a range ending before it starts runs past midnight ("22:00-02:00").
  .refine((s) => readWorkingHoursRange(s) !== null, { error: 'must not start and end at the same time' });

export const workingHoursSchema = z.strictObject({
  timezone: z.string({ error: 'must be an IANA time zone such as "Europe/Berlin"' }).refine(isTimeZone, {
    error: 'must be an IANA time zone such as "Europe/Berlin"',
  }),
  days: z.strictObject({
    mon: z.array(interval).optional(),
    tue: z.array(interval).optional(),
    wed: z.array(interval).optional(),
    thu: z.array(interval).optional(),
    fri: z.array(interval).optional(),
    sat: z.array(interval).optional(),
    sun: z.array(interval).optional(),
  }),
});

const attributeValue = z.union([z.string(), z.number().finite(), z.boolean(), z.array(z.string())], {
  error: 'must be a string, a number, true/false or a list of strings',
});

const managerFields = {
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' }),
  email: z
    .string({ error: 'must be a string' })
    .trim()
    .max(320)
    .pipe(z.email({ error: 'must be an email address' }))
    .transform(normalizeEmail),
  active: z.boolean({ error: 'must be true or false' }),
  available: z.boolean({ error: 'must be true or false' }),
  awayUntil: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as "2026-12-24T09:00:00Z"' })
    .nullable(),
  workingHours: workingHoursSchema.nullable(),
  capacity: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must not be negative' })
    .max(1_000_000)
    .nullable(),
  attributes: recordWithoutPrototypeKeys(z.string().max(64), attributeValue, {
    error: 'must be an object of attributes',
  }),
};

export const newManagerSchema = z.strictObject({
  name: managerFields.name,
  email: managerFields.email,
  active: managerFields.active.optional(),
  available: managerFields.available.optional(),
  awayUntil: managerFields.awayUntil.optional(),
  workingHours: managerFields.workingHours.optional(),
  capacity: managerFields.capacity.optional(),
  attributes: managerFields.attributes.optional(),
});

export const managerPatchSchema = newManagerSchema.partial();

export type NewManager = z.infer<typeof newManagerSchema>;
export type ManagerPatch = z.infer<typeof managerPatchSchema>;
