import { durationToMs } from './duration';

describe(durationToMs.name, () => {
  it.each([
    ['PT1S', 1000],
    ['PT2H', 2 * 3600_000],
    ['PT1H30M', 5400_000],
    ['P1D', 86400_000],
    ['P1W', 7 * 86400_000],
    ['P1M', 30 * 86400_000],
    ['P1Y', 365 * 86400_000],
    ['P1DT12H', 36 * 3600_000],
    ['PT0.5S', 500],
    ['PT1,5M', 90_000],
    ['PT1H1.5M', 3690_000],
    ['P1Y2M3W4DT5H6M7S', ((365 + 60 + 21 + 4) * 24 * 3600 + 5 * 3600 + 6 * 60 + 7) * 1000],
  ])('%s is %d ms', (iso, ms) => {
    expect(durationToMs(iso)).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1DT', '2H', 'PT2h', 'P-1D', 'PT1H2D', 'T1H', 'PT1.5H30M'])(
    'refuses %p',
    (iso) => {
      expect(() => durationToMs(iso)).toThrow(/is not an ISO 8601 duration/);
    },
  );
});
