import type { FieldValue } from '@leadflow/workflow';
import type { RotationState } from '../types';
import {
  NO_ELIGIBLE_VALUE,
  isFieldValueList,
  type AssignmentStrategy,
  type Pick,
  type PickInput,
} from './assignment.strategy';

/**
 * The cursor is the index of the value given last in `list` (the list it was given from), so a
 * later list can continue after it even when it was removed. `owed` are values whose turn came
 * while they were ineligible, in the order they missed it: they go first once eligible, so a
 * skipped candidate keeps its turn. `early` are values given from `owed`: the cycle passes over them
 * once, so a returning value takes one turn, not two, and the list order comes back.
 */
export interface RoundRobinState extends RotationState {
  strategy: 'roundRobin';
  list: FieldValue[];
  last: number;
  owed: FieldValue[];
  early: FieldValue[];
}

function parseState(state: RotationState | null): RoundRobinState | null {
  if (!state || state.strategy !== 'roundRobin') return null;
  const { list, last, owed, early } = state;
  if (!isFieldValueList(list) || !isFieldValueList(owed) || !isFieldValueList(early)) return null;
  if (typeof last !== 'number' || !Number.isInteger(last) || last < 0 || last >= list.length) return null;
  return { strategy: 'roundRobin', list, last, owed, early };
}

/** Where the cycle starts in `values`: after the value given last, or at the next one of the old list still here. */
function cycleStart(
  values: readonly FieldValue[],
  positions: Map<FieldValue, number>,
  saved: RoundRobinState | null,
): number {
  if (!saved) return 0;
  const here = positions.get(saved.list[saved.last]);
  if (here !== undefined) return (here + 1) % values.length;
  for (let step = 1; step < saved.list.length; step++) {
    const next = positions.get(saved.list[(saved.last + step) % saved.list.length]);
    if (next !== undefined) return next;
  }
  return 0;
}

/**
 * Gives the value after the one given last, in list order, starting with the first. A value whose
 * turn comes while it is ineligible is owed that turn and gets the next run in which it is eligible;
 * the rotation itself moves to the value actually given.
 */
export const roundRobinStrategy: AssignmentStrategy = {
  stateful: true,
  pick({ values, isEligible, state }: PickInput): Pick {
    const count = values.length;
    if (count === 0) return { given: false, reason: NO_ELIGIBLE_VALUE };
    const positions = new Map<FieldValue, number>();
    values.forEach((value, i) => positions.set(value, i));
    const saved = parseState(state);
    const start = cycleStart(values, positions, saved);
    const owed = (saved?.owed ?? []).filter((value) => positions.has(value));
    const early = (saved?.early ?? []).filter((value) => positions.has(value));
    const owedSet = new Set(owed);
    const earlySet = new Set(early);
    const next = (
      value: FieldValue,
      reason: string,
      fields: Omit<RoundRobinState, 'strategy' | 'list'>,
    ): Pick => ({
      given: true,
      value,
      reason,
      state: { strategy: 'roundRobin', list: [...values], ...fields },
    });

    const owedIndex = owed.findIndex(isEligible);
    if (owedIndex >= 0) {
      const value = owed[owedIndex];
      return next(value, 'owedTurn', {
        last: (start - 1 + count) % count,
        owed: owed.filter((_, i) => i !== owedIndex),
        early: [...early, value],
      });
    }

    const missed: FieldValue[] = [];
    const passedEarly = new Set<FieldValue>();
    let firstEligibleEarly: number | undefined;
    for (let step = 0; step < count; step++) {
      const index = (start + step) % count;
      const value = values[index];
      if (owedSet.has(value)) continue;
      if (earlySet.has(value)) {
        passedEarly.add(value);
        if (firstEligibleEarly === undefined && isEligible(value)) firstEligibleEarly = index;
        continue;
      }
      if (isEligible(value)) {
        return next(value, 'rotation', {
          last: index,
          owed: [...owed, ...missed],
          early: early.filter((e) => !passedEarly.has(e)),
        });
      }
      missed.push(value);
    }
    // Only values that already had their turn early are eligible: the cycle goes on with them.
    if (firstEligibleEarly !== undefined) {
      return next(values[firstEligibleEarly], 'rotation', {
        last: firstEligibleEarly,
        owed: [...owed, ...missed],
        early: [],
      });
    }
    return { given: false, reason: NO_ELIGIBLE_VALUE };
  },
};
