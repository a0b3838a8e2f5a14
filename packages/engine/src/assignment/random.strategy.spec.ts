import type { FieldValue } from '@leadflow/workflow';
import { randomStrategy, seededRandom } from './random.strategy';

const pick = (candidates: FieldValue[], random: () => number) =>
  randomStrategy.pick({
    values: ['x', ...candidates],
    candidates,
    isEligible: () => true,
    state: null,
    openLeads: () => 0,
    random,
  });

describe('randomStrategy', () => {
  it('draws among the eligible candidates with the injected source', () => {
    expect(pick(['a', 'b', 'c'], () => 0)).toEqual({
      given: true,
      value: 'a',
      reason: 'random',
      state: null,
    });
    expect(pick(['a', 'b', 'c'], () => 0.5)).toMatchObject({ value: 'b' });
    expect(pick(['a', 'b', 'c'], () => 0.9999)).toMatchObject({ value: 'c' });
    expect(pick(['a', 'b', 'c'], () => 1)).toMatchObject({ value: 'c' });
    expect(pick([], () => 0)).toEqual({ given: false, reason: 'noEligibleValue' });
  });
});

describe(seededRandom.name, () => {
  it('repeats for a seed, differs between seeds, and spreads over [0, 1)', () => {
    const a = seededRandom('lead-1:node');
    const b = seededRandom('lead-1:node');
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(seededRandom('lead-2:node')()).not.toBe(draws[0]);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const low = draws.filter((d) => d < 0.5).length;
    expect(low).toBeGreaterThan(4700);
    expect(low).toBeLessThan(5300);
  });
});
