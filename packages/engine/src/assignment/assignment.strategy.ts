import type { FieldValue } from '@leadflow/workflow';
import type { RotationState } from '../types';

/** What a strategy chooses from. */
export interface PickInput {
  /** The node's values in list order, without duplicates. */
  values: readonly FieldValue[];
  /** The values that may be given now, in list order. */
  candidates: readonly FieldValue[];
  isEligible(value: FieldValue): boolean;
  /** The node's stored state (only loaded for a strategy with `stateful`), null before its first run. */
  state: RotationState | null;
  /** With `weighted`: one positive weight per value. */
  weights?: readonly number[];
  /** With `leastLoaded`: the open leads of a candidate. */
  openLeads(value: FieldValue): number;
  random(): number;
}

export type Pick =
  | { given: true; value: FieldValue; reason: string; state: RotationState | null }
  | { given: false; reason: string };

/** One way of choosing a value of a `replaceWithOneOf` node. */
export interface AssignmentStrategy {
  /** Whether `pick` reads and returns a rotation state. */
  readonly stateful: boolean;
  pick(input: PickInput): Pick;
}

export const NO_ELIGIBLE_VALUE = 'noEligibleValue';

export const isFieldValue = (value: unknown): value is FieldValue =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

export const isFieldValueList = (value: unknown): value is FieldValue[] =>
  Array.isArray(value) && value.every(isFieldValue);

export const sameList = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);
