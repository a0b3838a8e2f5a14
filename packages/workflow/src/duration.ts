const SECOND = 1000;
const DAY = 86_400 * SECOND;

/** Bounds of a `wait` node's duration, in milliseconds. */
export const MIN_WAIT_MS = SECOND;
export const MAX_WAIT_MS = 365 * DAY;

/** The units of an ISO 8601 duration, largest first (`M` before `T` is `month`, after it `minute`). */
export const DURATION_UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** One component of a duration: `amount` as written (`"1.5"`, `"0,5"`), its `value` and its unit. */
export interface DurationPart {
  amount: string;
  value: number;
  unit: DurationUnit;
}

const number = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION = new RegExp(
  `^P(?:${number}Y)?(?:${number}M)?(?:${number}W)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`,
);
// A year counts 365 days and a month 30, so a duration means the same whatever the date.
const UNIT_MS: Record<DurationUnit, number> = {
  year: 365 * DAY,
  month: 30 * DAY,
  week: 7 * DAY,
  day: DAY,
  hour: 3600 * SECOND,
  minute: 60 * SECOND,
  second: SECOND,
};

/**
 * The components of an ISO 8601 duration `PnYnMnWnDTnHnMnS`, largest first, each present one
 * once; `null` when `text` is not one: no component (`P`, `PT`), a `T` with nothing after it,
 * a fraction before the last component (`P1.5DT2H`), lower case, signs or spaces. The one reader
 * of durations: `parseDuration`, the engine's waits and the editor's words all go through it.
 */
export function durationParts(text: string): DurationPart[] | null {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  if (!match || text.endsWith('T')) return null;
  const parts: DurationPart[] = [];
  match.slice(1).forEach((amount, index) => {
    if (amount !== undefined)
      parts.push({ amount, value: Number(amount.replace(',', '.')), unit: DURATION_UNITS[index] });
  });
  if (parts.length === 0) return null;
  // As in ISO 8601, only the smallest component may have a fraction.
  if (parts.slice(0, -1).some(({ amount }) => /[.,]/.test(amount))) return null;
  return parts;
}

/**
 * The length of an ISO 8601 duration (`PT2H`, `P1DT12H`, `P2W`, `PT1.5H`) in milliseconds, or
 * `null` when `text` is not one (see `durationParts`). Y counts 365 days, M (before T) 30 days;
 * only the last component may have a fraction.
 */
export function parseDuration(text: string): number | null {
  const parts = durationParts(text);
  if (!parts) return null;
  return Math.round(parts.reduce((ms, { value, unit }) => ms + value * UNIT_MS[unit], 0));
}
