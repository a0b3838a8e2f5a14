import type { FieldValue } from '@leadflow/workflow';
import { leastLoadedStrategy } from './least-loaded.strategy';

const pick = (candidates: FieldValue[], loads: Record<string, number>) =>
  leastLoadedStrategy.pick({
    values: candidates,
    candidates,
    isEligible: () => true,
    state: null,
    openLeads: (value) => loads[value as string],
    random: () => 0,
  });

describe('leastLoadedStrategy', () => {
  it('gives the candidate with the fewest open leads, keeping no state', () => {
    expect(pick(['a', 'b', 'c'], { a: 4, b: 1, c: 2 })).toEqual({
      given: true,
      value: 'b',
      reason: 'leastLoaded',
      state: null,
    });
  });

  it('breaks ties in list order', () => {
    expect(pick(['a', 'b', 'c'], { a: 3, b: 1, c: 1 })).toMatchObject({ value: 'b' });
    expect(pick(['c', 'b', 'a'], { a: 0, b: 0, c: 0 })).toMatchObject({ value: 'c' });
  });

  it('gives nothing without candidates', () => {
    expect(pick([], {})).toEqual({ given: false, reason: 'noEligibleValue' });
  });
});
