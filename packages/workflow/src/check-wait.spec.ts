import { checkWait } from './check-wait';

describe(checkWait.name, () => {
  it.each(['PT1S', 'PT2H', 'P1D', 'P365D', 'P1Y', 'P52W'])('accepts %s', (duration) => {
    expect(checkWait({ duration }, 'nodes[2].data')).toEqual([]);
  });

  it.each([
    ['2 hours', 'is not an ISO 8601 duration', 'invalid_duration'],
    ['PT0S', 'must be at least 1 second', 'duration_out_of_range'],
    ['PT0.5S', 'must be at least 1 second', 'duration_out_of_range'],
    ['P366D', 'must be at most 365 days', 'duration_out_of_range'],
    ['P1Y1D', 'must be at most 365 days', 'duration_out_of_range'],
  ])('refuses %s', (duration, fragment, code) => {
    expect(checkWait({ duration }, 'nodes[2].data')).toEqual([
      { code, path: 'nodes[2].data.duration', message: expect.stringContaining(fragment) },
    ]);
  });
});
