const RANGE = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Reads a working-hours range (`"09:00-17:00"`): its start and end in minutes of the day (0–1440),
 * and `overnight` when it ends before it starts, so it runs past midnight into the next day
 * (`"22:00-02:00"`, workflow-format.md). Null when it cannot be read, or when it starts and ends at
 * the same time (an empty range, never worked). The engine decides availability with it; the API
 * validates managers' working hours with it.
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
