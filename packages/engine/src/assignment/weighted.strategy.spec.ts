import fc from 'fast-check';
import type { FieldValue } from '@leadflow/workflow';
import type { RotationState } from '../types';
import { weightedStrategy } from './weighted.strategy';

function weighted(values: FieldValue[], weights: number[]) {
  let state: RotationState | null = null;
  return (isEligible: (value: FieldValue) => boolean = () => true): FieldValue | undefined => {
    const pick = weightedStrategy.pick({
      values,
      weights,
      candidates: values.filter(isEligible),
      isEligible,
      state,
      openLeads: () => 0,
      random: () => 0,
    });
    if (!pick.given) return undefined;
    state = JSON.parse(JSON.stringify(pick.state));
    return pick.value;
  };
}

const times = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

describe('weightedStrategy', () => {
  it('interleaves the values (smooth weighted round robin), not in blocks', () => {
    const next = weighted(['a', 'b', 'c'], [5, 1, 1]);
    expect(times(14, () => next())).toEqual([
      'a',
      'a',
      'b',
      'a',
      'c',
      'a',
      'a',
      'a',
      'a',
      'b',
      'a',
      'c',
      'a',
      'a',
    ]);
    const even = weighted(['a', 'b'], [2, 2]);
    expect(times(4, () => even())).toEqual(['a', 'b', 'a', 'b']);
  });

  it('gives each value exactly its weight over every sum(weights) consecutive runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.nat(40),
        (weights, offset) => {
          const values = weights.map((_, i) => `v${i}`);
          const next = weighted(values, weights);
          const total = weights.reduce((a, b) => a + b, 0);
          times(offset, () => next());
          const window = times(total, () => next());
          return values.every((value, i) => window.filter((v) => v === value).length === weights[i]);
        },
      ),
    );
  });

  it('runs over the eligible values only, and a skipped value does not catch up later', () => {
    const next = weighted(['a', 'b', 'c'], [1, 1, 1]);
    const withoutB = times(6, () => next((v) => v !== 'b'));
    expect(withoutB).not.toContain('b');
    expect(withoutB.filter((v) => v === 'a')).toHaveLength(3);
    const back = times(6, () => next());
    expect(['a', 'b', 'c'].map((v) => back.filter((x) => x === v).length)).toEqual([2, 2, 2]);
    expect(next(() => false)).toBeUndefined();
  });

  it('starts the scores over when the list or the weights change, and counts a missing weight as 1', () => {
    const pick = (state: RotationState | null, values: FieldValue[], weights?: number[]) =>
      weightedStrategy.pick({
        values,
        weights,
        candidates: values,
        isEligible: () => true,
        state,
        openLeads: () => 0,
        random: () => 0,
      });
    const first = pick(null, ['a', 'b'], [1, 3]);
    expect(first).toMatchObject({ given: true, value: 'b' });
    const changed = pick(first.given ? first.state : null, ['a', 'b'], [3, 1]);
    expect(changed).toMatchObject({ given: true, value: 'a', state: { weights: [3, 1], current: [-1, 1] } });
    expect(pick(null, ['a', 'b'])).toMatchObject({ value: 'a', state: { weights: [1, 1] } });
  });
});
