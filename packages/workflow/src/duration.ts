const SECOND = 1000;
const DAY = 86_400 * SECOND;

/** Bounds of a `wait` node's duration, in milliseconds. */
export const MIN_WAIT_MS = SECOND;
export const MAX_WAIT_MS = 365 * DAY;

const number = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION = new RegExp(
  `^P(?:${number}Y)?(?:${number}M)?(?:${number}W)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`,
);
// A year counts 365 days and a month 30, so a duration means the same whatever the date.
const UNIT_MS = [365 * DAY, 30 * DAY, 7 * DAY, DAY, 3600 * SECOND, 60 * SECOND, SECOND];

/**
 * The length of an ISO 8601 duration (`PT2H`, `P1DT12H`, `P2W`, `PT1.5H`) in milliseconds, or
 * `null` when `text` is not one. Y counts 365 days, M (before T) 30 days; only the last
 * component may have a fraction.
 */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text.endsWith('T')) return null;
  const parts = match.slice(1).map((part, unit) => ({ part, unit })).filter(({ part }) => part !== undefined);
  if (parts.length === 0) return null;
  if (parts.slice(0, -1).some(({ part }) => /[.,]/.test(part))) return null;
  return Math.round(parts.reduce((ms, { part, unit }) => ms + Number(part.replace(',', '.')) * UNIT_MS[unit], 0));
}
