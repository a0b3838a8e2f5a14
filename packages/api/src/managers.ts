import { readWorkingHoursRange } from '@leadflow/workflow';
import { z } from 'zod';
import { emailAddressSchema } from './common';
import { recordWithoutPrototypeKeys } from './records';
import { WEEK_DAYS, type WeekDay } from './week-days';

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
  // As the engine reads a range: one ending before it starts runs past midnight ("22:00-02:00");
  // one that starts and ends at the same time is no range.
  .refine((s) => readWorkingHoursRange(s) !== null, {
    error: 'must not start and end at the same time',
  });

/** When a manager works: an IANA time zone and, per day, ranges such as `"09:00-17:00"`; a day left out is not worked. */
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
export type WorkingHours = z.infer<typeof workingHoursSchema>;

const attributeValue = z.union([z.string(), z.number().finite(), z.boolean(), z.array(z.string())], {
  error: 'must be a string, a number, true/false or a list of strings',
});

/** A flat object of strings, numbers, booleans and lists of strings (`{"industries": ["Medicine"], "seniority": 3}`). */
export const attributesSchema = recordWithoutPrototypeKeys(z.string().max(64), attributeValue, {
  error: 'must be an object of attributes',
});
export type Attributes = z.infer<typeof attributesSchema>;

const managerFields = {
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' }),
  email: emailAddressSchema,
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
  attributes: attributesSchema,
};

/** `POST /api/managers`: a sales rep. The email is stored lower-case; the rest default to active, available, no limits. */
export const newManagerSchema = z
  .strictObject({
    name: managerFields.name,
    email: managerFields.email,
    active: managerFields.active.optional(),
    available: managerFields.available.optional(),
    awayUntil: managerFields.awayUntil.optional(),
    workingHours: managerFields.workingHours.optional(),
    capacity: managerFields.capacity.optional(),
    attributes: managerFields.attributes.optional(),
  })
  .meta({ id: 'NewManager' });
/** `POST /api/managers` as sent (before the email is lower-cased). */
export type NewManagerInput = z.input<typeof newManagerSchema>;
export type NewManager = z.infer<typeof newManagerSchema>;

/** `PATCH /api/managers/:id`: any of the properties of a new manager. */
export const managerPatchSchema = newManagerSchema.partial().meta({ id: 'ManagerPatch' });
export type ManagerPatchInput = z.input<typeof managerPatchSchema>;
export type ManagerPatch = z.infer<typeof managerPatchSchema>;

/** A manager as the API answers it; `openLeads` counts the leads it manages whose status is not Won, Lost or Closed. */
export const managerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    active: z.boolean(),
    available: z.boolean(),
    awayUntil: z.iso.datetime({ offset: true }).nullable(),
    workingHours: z
      .object({
        timezone: z.string(),
        days: z.object(
          Object.fromEntries(WEEK_DAYS.map((day) => [day, z.array(z.string()).optional()])) as Record<
            WeekDay,
            z.ZodOptional<z.ZodArray<z.ZodString>>
          >,
        ),
      })
      .nullable(),
    capacity: z.number().int().nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
    openLeads: z.number().int(),
    // Sent by this server, not promised by api.md.
    createdAt: z.iso.datetime().optional(),
    updatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Manager' });
export type Manager = z.infer<typeof managerSchema>;
