import { isWithinWorkingHours, localTime, readWorkingHoursRange } from './working-hours';

const at = (iso: string) => new Date(iso);
const weekdays = (range: string) => ({
  mon: [range],
  tue: [range],
  wed: [range],
  thu: [range],
  fri: [range],
});

describe(isWithinWorkingHours.name, () => {
  it('reads the hours in the manager’s time zone, start included, end excluded', () => {
    const newYork = { timezone: 'America/New_York', days: weekdays('09:00-17:00') };
    // Monday 2 March 2026, EST (UTC-5)
    expect(isWithinWorkingHours(newYork, at('2026-03-02T13:59:00Z'))).toBe(false);
    expect(isWithinWorkingHours(newYork, at('2026-03-02T14:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(newYork, at('2026-03-02T21:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(newYork, at('2026-03-02T22:00:00Z'))).toBe(false);
    // Monday 9 March 2026, after the switch to EDT (UTC-4)
    expect(isWithinWorkingHours(newYork, at('2026-03-09T12:59:00Z'))).toBe(false);
    expect(isWithinWorkingHours(newYork, at('2026-03-09T13:00:00Z'))).toBe(true);
    // Saturday
    expect(isWithinWorkingHours(newYork, at('2026-03-07T15:00:00Z'))).toBe(false);
  });

  it('uses the local weekday, which may differ from the UTC one', () => {
    const tokyo = { timezone: 'Asia/Tokyo', days: { mon: ['08:00-12:00'] } };
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo
    expect(isWithinWorkingHours(tokyo, at('2026-03-01T23:30:00Z'))).toBe(true);
    expect(isWithinWorkingHours(tokyo, at('2026-03-02T23:30:00Z'))).toBe(false);
  });

  it('handles zones with minute offsets', () => {
    const kathmandu = { timezone: 'Asia/Kathmandu', days: weekdays('09:00-17:00') };
    expect(isWithinWorkingHours(kathmandu, at('2026-03-02T03:14:00Z'))).toBe(false);
    expect(isWithinWorkingHours(kathmandu, at('2026-03-02T03:15:00Z'))).toBe(true);
  });

  it('runs a range that ends before it starts past midnight into the next day', () => {
    const night = { timezone: 'UTC', days: { fri: ['22:00-02:00'], mon: ['00:00-24:00'] } };
    expect(isWithinWorkingHours(night, at('2026-03-06T21:59:00Z'))).toBe(false);
    expect(isWithinWorkingHours(night, at('2026-03-06T23:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(night, at('2026-03-07T01:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(night, at('2026-03-07T02:00:00Z'))).toBe(false);
    expect(isWithinWorkingHours(night, at('2026-03-02T00:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(night, at('2026-03-02T23:59:00Z'))).toBe(true);
  });

  it('allows several ranges a day and ignores ranges it cannot read', () => {
    const split = { timezone: 'Europe/Berlin', days: { mon: ['9-12', '08:00-12:00', '13:00-17:00'] } };
    // CET (UTC+1)
    expect(isWithinWorkingHours(split, at('2026-03-02T10:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(split, at('2026-03-02T11:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(split, at('2026-03-02T12:30:00Z'))).toBe(true);
    expect(isWithinWorkingHours({ timezone: 'UTC', days: {} }, at('2026-03-02T12:30:00Z'))).toBe(false);
  });

  it('throws on an unknown time zone', () => {
    expect(() =>
      isWithinWorkingHours({ timezone: 'Mars/Olympus', days: {} }, at('2026-03-02T12:00:00Z')),
    ).toThrow();
  });
});

describe(localTime.name, () => {
  it('gives midnight as minute 0', () => {
    expect(localTime(at('2026-03-02T00:00:00Z'), 'UTC')).toEqual({ weekday: 1, minutes: 0 });
  });
});

describe(readWorkingHoursRange.name, () => {
  it('reads a day range, an overnight range and refuses an empty or unreadable one', () => {
    expect(readWorkingHoursRange('09:00-17:00')).toEqual({ start: 540, end: 1020, overnight: false });
    expect(readWorkingHoursRange('22:00-02:00')).toEqual({ start: 1320, end: 120, overnight: true });
    expect(readWorkingHoursRange('00:00-24:00')).toEqual({ start: 0, end: 1440, overnight: false });
    expect(readWorkingHoursRange('10:00-10:00')).toBeNull();
    expect(readWorkingHoursRange('10:60-11:00')).toBeNull();
    expect(readWorkingHoursRange('ten to eleven')).toBeNull();
  });

  it('works Saturday 22:00 to Sunday 02:00 for "sat": ["22:00-02:00"]', () => {
    const night = { timezone: 'Europe/Berlin', days: { sat: ['22:00-02:00'] } };
    // 2026-11-28 is a Saturday; Berlin is UTC+1 in November.
    expect(isWithinWorkingHours(night, at('2026-11-28T20:59:00Z'))).toBe(false);
    expect(isWithinWorkingHours(night, at('2026-11-28T22:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(night, at('2026-11-29T00:59:00Z'))).toBe(true);
    expect(isWithinWorkingHours(night, at('2026-11-29T01:00:00Z'))).toBe(false);
  });
});
