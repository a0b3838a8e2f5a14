import { readWorkingHoursRange } from '@leadflow/workflow';
import { EngineError } from '../engine-error';
import type { WorkingHours } from '../types';

export { readWorkingHoursRange };

type Day = keyof WorkingHours['days'];
const DAYS: readonly Day[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat costs far more than formatting with one; managers share few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch (error) {
      // Intl refuses a zone it does not know with a RangeError.
      if (!(error instanceof RangeError)) throw error;
      throw new EngineError(
        'invalid_time_zone',
        `${JSON.stringify(timeZone)} is not a time zone this runtime knows`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The weekday (0 = Sunday) and minute of the day of `at` in an IANA time zone; throws an `EngineError`
 * (`invalid_time_zone`) on an unknown zone.
 */
export function localTime(at: Date, timeZone: string): { weekday: number; minutes: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = WEEKDAY_INDEX[part('weekday')];
  if (weekday === undefined)
    throw new EngineError('invalid_time_zone', `cannot read the weekday in ${timeZone}`);
  return { weekday, minutes: (Number(part('hour')) % 24) * 60 + Number(part('minute')) };
}

/**
 * Whether `at` falls in one of the day's ranges (`"09:00-17:00"`: from 09:00 up to, not including,
 * 17:00) in the manager's time zone. A range ending before it starts (`"22:00-02:00"`) runs past
 * midnight into the next day. Ranges that cannot be read are ignored. Throws an `EngineError`
 * (`invalid_time_zone`) on an unknown zone.
 */
export function isWithinWorkingHours(hours: WorkingHours, at: Date): boolean {
  const { weekday, minutes } = localTime(at, hours.timezone);
  const today = hours.days[DAYS[weekday]] ?? [];
  const yesterday = hours.days[DAYS[(weekday + 6) % 7]] ?? [];
  for (const range of today.map(readWorkingHoursRange)) {
    if (!range) continue;
    if (!range.overnight ? minutes >= range.start && minutes < range.end : minutes >= range.start)
      return true;
  }
  for (const range of yesterday.map(readWorkingHoursRange)) {
    if (range && range.overnight && minutes < range.end) return true;
  }
  return false;
}
