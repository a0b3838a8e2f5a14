const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const DURATION = new RegExp(
  `^P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
);
const UNIT_MS = [365 * DAY, 30 * DAY, 7 * DAY, DAY, HOUR, MINUTE, SECOND];

/**
 * Milliseconds of an ISO 8601 duration `PnYnMnWnDTnHnMnS` (a year counts 365 days, a month 30).
 * Only the last component may have a fraction (`PT1.5H`). Throws on anything else, including `P` and
 * `PT` alone.
 */
export function durationToMs(iso: string): number {
  const match = typeof iso === 'string' ? DURATION.exec(iso) : null;
  if (!match || iso.endsWith('T') || match.slice(1).every((part) => part === undefined)) {
    throw new Error(`"${String(iso)}" is not an ISO 8601 duration such as "PT2H"`);
  }
  const parts = match
    .slice(1)
    .map((part, unit) => ({ part, unit }))
    .filter((found): found is { part: string; unit: number } => found.part !== undefined);
  // As in ISO 8601 (and the format package), only the smallest component may have a fraction.
  if (parts.slice(0, -1).some(({ part }) => /[.,]/.test(part))) {
    throw new Error(`"${iso}" is not an ISO 8601 duration such as "PT2H"`);
  }
  return Math.round(
    parts.reduce((ms, { part, unit }) => ms + Number(part.replace(',', '.')) * UNIT_MS[unit], 0),
  );
}
