import fc from 'fast-check';
import type { FieldValue } from '@leadflow/workflow';
import type { RotationState } from '../types';
import { roundRobinStrategy } from './round-robin.strategy';

/** Runs the strategy like the engine does: the state of one run is the input of the next. */
function rotation(initial: RotationState | null = null) {
  let state = initial;
  return {
    next(
      values: FieldValue[],
      isEligible: (value: FieldValue) => boolean = () => true,
    ): FieldValue | undefined {
      const pick = roundRobinStrategy.pick({
        values,
        candidates: values.filter(isEligible),
        isEligible,
        state,
        openLeads: () => 0,
        random: () => 0,
      });
      if (!pick.given) return undefined;
      if (pick.state) state = JSON.parse(JSON.stringify(pick.state));
      return pick.value;
    },
    get state() {
      return state;
    },
  };
}

const times = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);
const except =
  (...away: FieldValue[]) =>
  (value: FieldValue) =>
    !away.includes(value);

describe('roundRobinStrategy', () => {
  it('gives the value after the one given last, in list order, starting with the first', () => {
    const r = rotation();
    expect(times(7, () => r.next(['A', 'B', 'C']))).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'A']);
  });

  it('continues with the next value of the old list that is still there when the last one was removed', () => {
    const r = rotation();
    expect(times(2, () => r.next(['A', 'B', 'C', 'D']))).toEqual(['A', 'B']);
    expect(times(4, () => r.next(['A', 'C', 'D']))).toEqual(['C', 'D', 'A', 'C']);
    // C (given last) and D removed: the old list after C is D, A; A is still there.
    expect(times(3, () => r.next(['A', 'E']))).toEqual(['A', 'E', 'A']);
    // Nothing of the old list left: start with the first.
    expect(times(2, () => r.next(['X', 'Y']))).toEqual(['X', 'Y']);
  });

  it('gives an added value when its turn in the new list comes', () => {
    const r = rotation();
    expect(r.next(['A', 'B', 'C'])).toBe('A');
    expect(times(4, () => r.next(['A', 'X', 'B', 'C']))).toEqual(['X', 'B', 'C', 'A']);
    expect(times(2, () => r.next(['Z', 'A', 'X', 'B', 'C']))).toEqual(['X', 'B']);
  });

  it('follows a reordered list after the value given last', () => {
    const r = rotation();
    expect(times(2, () => r.next(['A', 'B', 'C']))).toEqual(['A', 'B']);
    expect(times(3, () => r.next(['B', 'A', 'C']))).toEqual(['A', 'C', 'B']);
  });

  it('keeps the turn of a skipped value: it is next in line when back, without catching up', () => {
    const r = rotation();
    const values = ['A', 'B', 'C'];
    // B is away: the rotation moves to the value actually given.
    expect(times(4, () => r.next(values, except('B')))).toEqual(['A', 'C', 'A', 'C']);
    // B is back: its turn first, then the rotation goes on after the last value it gave (C) and
    // passes B once, since B already had this round's turn.
    expect(times(7, () => r.next(values))).toEqual(['B', 'A', 'C', 'A', 'B', 'C', 'A']);
  });

  it('gives a value back in line its turn even when the cursor is right after it', () => {
    const r = rotation();
    const values = ['A', 'B', 'C', 'D'];
    expect(times(2, () => r.next(values, except('B')))).toEqual(['A', 'C']);
    expect(times(5, () => r.next(values))).toEqual(['B', 'D', 'A', 'C', 'D']);
  });

  it('serves several skipped values in the order they missed their turn', () => {
    const r = rotation();
    const values = ['A', 'B', 'C', 'D'];
    expect(times(3, () => r.next(values, except('B', 'C')))).toEqual(['A', 'D', 'A']);
    expect(r.next(values, except('B'))).toBe('C');
    expect(times(2, () => r.next(values))).toEqual(['B', 'D']);
  });

  it('gives the only eligible value every time and keeps the state when none is eligible', () => {
    const r = rotation();
    expect(times(3, () => r.next(['A', 'B'], except('B')))).toEqual(['A', 'A', 'A']);
    const before = r.state;
    expect(r.next(['A', 'B'], () => false)).toBeUndefined();
    expect(r.state).toBe(before);
    expect(r.next(['A', 'B'])).toBe('B');
  });

  it('gives a value that already had its turn early when it is the only one eligible', () => {
    const r = rotation();
    expect(times(2, () => r.next(['A', 'B', 'C'], except('B')))).toEqual(['A', 'C']);
    expect(r.next(['A', 'B', 'C'])).toBe('B');
    expect(times(2, () => r.next(['A', 'B', 'C'], except('A', 'C')))).toEqual(['B', 'B']);
  });

  it('starts over on a state it cannot read', () => {
    expect(rotation({ strategy: 'weighted', list: ['A'] }).next(['A', 'B'])).toBe('A');
    expect(
      rotation({ strategy: 'roundRobin', list: ['A', 'B'], last: 7, owed: [], early: [] }).next(['A', 'B']),
    ).toBe('A');
  });

  it('gives each value floor(N/k) or ceil(N/k) times over the N runs since the last list change', () => {
    const POOL = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const list = fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: POOL.length });
    const operation = fc.oneof(fc.record({ runs: fc.integer({ min: 1, max: 30 }) }), fc.record({ list }));
    fc.assert(
      fc.property(list, fc.array(operation, { maxLength: 12 }), (initial, operations) => {
        const r = rotation();
        let values = initial;
        let counts = new Map<FieldValue, number>();
        let runs = 0;
        for (const op of operations) {
          if ('list' in op) {
            values = op.list;
            counts = new Map();
            runs = 0;
            continue;
          }
          for (let i = 0; i < op.runs; i++) {
            const value = r.next(values) as FieldValue;
            if (!values.includes(value as string)) return false;
            counts.set(value, (counts.get(value) ?? 0) + 1);
            runs++;
            const k = values.length;
            const fair = values.every((v) => {
              const count = counts.get(v) ?? 0;
              return count === Math.floor(runs / k) || count === Math.ceil(runs / k);
            });
            if (!fair) return false;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('never gives an ineligible value, and over a stretch where all are eligible again evens out', () => {
    const values = ['a', 'b', 'c', 'd'];
    fc.assert(
      fc.property(fc.array(fc.subarray(values), { maxLength: 20 }), (availability) => {
        const r = rotation();
        for (const eligible of availability) {
          const value = r.next(values, (v) => eligible.includes(v as string));
          if (eligible.length === 0) expect(value).toBeUndefined();
          else expect(eligible).toContain(value);
        }
        // Once everyone is eligible, within two rounds each value is given at least once and at most three times.
        const counts = new Map<FieldValue, number>();
        for (let i = 0; i < 2 * values.length; i++) {
          const value = r.next(values) as FieldValue;
          counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        for (const v of values) expect(counts.get(v) ?? 0).toBeGreaterThanOrEqual(1);
        // And from then on it is the plain rotation in list order.
        const next = times(values.length * 2, () => r.next(values));
        expect(next.slice(values.length)).toEqual(next.slice(0, values.length));
        expect(new Set(next.slice(0, values.length)).size).toBe(values.length);
      }),
      { numRuns: 300 },
    );
  });
});
