import { durationParts, MAX_WAIT_MS, parseDuration } from './duration';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe(parseDuration.name, () => {
  it.each([
    ['PT1S', 1000],
    ['PT2H', 2 * HOUR],
    ['PT90M', 90 * 60_000],
    ['P1D', DAY],
    ['P1DT12H', 1.5 * DAY],
    ['P2W', 14 * DAY],
    ['P1M', 30 * DAY],
    ['P1Y', 365 * DAY],
    ['P1Y2M3W4DT5H6M7S', 365 * DAY + 60 * DAY + 21 * DAY + 4 * DAY + 5 * HOUR + 6 * 60_000 + 7000],
    ['PT1.5H', 1.5 * HOUR],
    ['PT0,5S', 500],
    ['PT0S', 0],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    '2 hours',
    'PT2h',
    'pt2h',
    '-PT2H',
    'P1.5DT2H',
    'PT1H30',
    'T2H',
    'P1H',
    'PT1D',
    'PT2H ',
    'P1S',
  ])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('counts a year as 365 days, the longest wait allowed', () => {
    expect(parseDuration('P1Y')).toBe(MAX_WAIT_MS);
    expect(parseDuration('P365D')).toBe(MAX_WAIT_MS);
  });
});

describe(durationParts.name, () => {
  it('lists the components as written, largest first, with their unit', () => {
    expect(durationParts('P1DT30M')).toEqual([
      { amount: '1', value: 1, unit: 'day' },
      { amount: '30', value: 30, unit: 'minute' },
    ]);
    expect(durationParts('P2M')).toEqual([{ amount: '2', value: 2, unit: 'month' }]);
    expect(durationParts('PT0,5S')).toEqual([{ amount: '0,5', value: 0.5, unit: 'second' }]);
  });

  it('refuses what parseDuration refuses', () => {
    for (const text of ['', 'P', 'PT', 'P1DT', 'P1.5DT2H', 'pt2h']) expect(durationParts(text)).toBeNull();
  });
});
