import type { FieldValue } from '@leadflow/workflow';
import type { RotationState } from '../types';
import {
  NO_ELIGIBLE_VALUE,
  isFieldValueList,
  sameList,
  type AssignmentStrategy,
  type Pick,
  type PickInput,
} from './assignment.strategy';

/** Smooth weighted round robin: one running score per value of `list` with `weights`. */
export interface WeightedState extends RotationState {
  strategy: 'weighted';
  list: FieldValue[];
  weights: number[];
  current: number[];
}

const isWeight = (weight: unknown): weight is number => Number.isInteger(weight) && (weight as number) > 0;

function weightsFor(values: readonly FieldValue[], weights: readonly number[] | undefined): number[] {
  return values.map((_, i) => (isWeight(weights?.[i]) ? (weights?.[i] as number) : 1));
}

function savedScores(
  state: RotationState | null,
  values: readonly FieldValue[],
  weights: readonly number[],
): number[] | null {
  if (!state || state.strategy !== 'weighted') return null;
  const { list, weights: savedWeights, current } = state;
  if (!isFieldValueList(list) || !Array.isArray(savedWeights) || !Array.isArray(current)) return null;
  if (!sameList(list, values) || !sameList(savedWeights, weights) || current.length !== values.length)
    return null;
  return current.every((score) => Number.isFinite(score)) ? (current as number[]) : null;
}

/**
 * Smooth weighted round robin (as in nginx) over the eligible values: each adds its weight to its
 * score, the highest score (first in list order on a tie) is given and loses the eligible total.
 * Over sum(weights) runs with everyone eligible each value is given exactly its weight, interleaved.
 * A changed list or weights start the scores over.
 */
export const weightedStrategy: AssignmentStrategy = {
  stateful: true,
  pick({ values, isEligible, weights, state }: PickInput): Pick {
    const effective = weightsFor(values, weights);
    const current = [...(savedScores(state, values, effective) ?? values.map(() => 0))];
    let total = 0;
    let best = -1;
    values.forEach((value, i) => {
      if (!isEligible(value)) return;
      current[i] += effective[i];
      total += effective[i];
      if (best < 0 || current[i] > current[best]) best = i;
    });
    if (best < 0) return { given: false, reason: NO_ELIGIBLE_VALUE };
    current[best] -= total;
    return {
      given: true,
      value: values[best],
      reason: 'weighted',
      state: { strategy: 'weighted', list: [...values], weights: effective, current },
    };
  },
};
