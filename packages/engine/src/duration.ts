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
 * Throws on anything else, including `P` and `PT` alone.
 */
export function durationToMs(iso: string): number {
  const match = typeof iso === 'string' ? DURATION.exec(iso) : null;
  if (!match || iso.endsWith('T') || match.slice(1).every((part) => part === undefined)) {
    throw new Error(`"${String(iso)}" is not an ISO 8601 duration such as "PT2H"`);
  }
  let ms = 0;
  match.slice(1).forEach((part, i) => {
    if (part !== undefined) ms += Number(part.replace(',', '.')) * UNIT_MS[i];
  });
  return Math.round(ms);
}
