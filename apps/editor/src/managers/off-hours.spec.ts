import { isOffHours } from './off-hours';

// Saturday 2026-11-28, 10:30 in Berlin (09:30 UTC).
const at = new Date('2026-11-28T09:30:00Z');

describe('isOffHours', () => {
  it('is false without working hours', () => {
    expect(isOffHours({ workingHours: null }, at)).toBe(false);
  });

  it('reads the hours in the manager’s time zone', () => {
    const saturdays = { sat: ['09:00-12:00'] };
    expect(isOffHours({ workingHours: { timezone: 'Europe/Berlin', days: saturdays } }, at)).toBe(false);
    // 18:30 in Tokyo.
    expect(isOffHours({ workingHours: { timezone: 'Asia/Tokyo', days: saturdays } }, at)).toBe(true);
    expect(
      isOffHours({ workingHours: { timezone: 'Europe/Berlin', days: { mon: ['09:00-17:00'] } } }, at),
    ).toBe(true);
  });

  it('does not call an unknown time zone off hours', () => {
    expect(isOffHours({ workingHours: { timezone: 'Mars/Olympus', days: {} } }, at)).toBe(false);
  });
});
