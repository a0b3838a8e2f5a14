import type { WorkingHours } from '../types';

type Day = keyof WorkingHours['days'];
const DAYS: readonly Day[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const RANGE = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;
const MINUTES_PER_DAY = 24 * 60;

// Building a DateTimeFormat costs far more than formatting with one; managers share few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The weekday (0 = Sunday) and minute of the day of `at` in an IANA time zone; throws on an unknown zone. */
export function localTime(at: Date, timeZone: string): { weekday: number; minutes: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = WEEKDAY_INDEX[part('weekday')];
  if (weekday === undefined) throw new Error(`cannot read the weekday in ${timeZone}`);
  return { weekday, minutes: (Number(part('hour')) % 24) * 60 + Number(part('minute')) };
}

/**
 * Reads a working-hours range (`"09:00-17:00"`): its start and end in minutes of the day (0–1440),
 * and `overnight` when it ends before it starts, so it runs past midnight into the next day
 * (`"22:00-02:00"`). Null when it cannot be read, or when it starts and ends at the same time (an
 * empty range, never worked).
 */
export function readWorkingHoursRange(
  range: string,
): { start: number; end: number; overnight: boolean } | null {
  const match = RANGE.exec(range);
  if (!match) return null;
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number);
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  if (startMinute > 59 || endMinute > 59 || start > MINUTES_PER_DAY || end > MINUTES_PER_DAY) return null;
  if (start === end) return null;
  return { start, end, overnight: end < start };
}

/**
 * Whether `at` falls in one of the day's ranges (`"09:00-17:00"`: from 09:00 up to, not including,
 * 17:00) in the manager's time zone. A range ending before it starts (`"22:00-02:00"`) runs past
 * midnight into the next day. Ranges that cannot be read are ignored.
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
