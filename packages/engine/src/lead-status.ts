import type { FieldValue } from '@leadflow/workflow';

/** The status of a won lead: split statistics count these as won. */
export const WON_STATUS = 'Won';

/** The statuses that close a lead: a lead with any other status (or none) is open. */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set([WON_STATUS, 'Lost', 'Closed']);

/**
 * Whether a lead with these fields is open: its `status` is not one of `CLOSED_STATUSES`
 * (compared as written). Open leads are what `leastLoaded` and a manager's capacity count.
 */
export const isOpenLead = (fields: Readonly<Record<string, FieldValue>>): boolean =>
  !CLOSED_STATUSES.has(String(fields.status ?? ''));

/**
 * A chain of events caused by runs stops here: a run for an event deeper than this (the events of
 * a run's actions are one deeper than its event; an event from outside is 0) is skipped, which
 * breaks workflows that trigger each other in a loop.
 */
export const MAX_EVENT_DEPTH = 8;
