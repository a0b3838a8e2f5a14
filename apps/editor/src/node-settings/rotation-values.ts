/**
 * A rotation's list as the form edits it. With strategy `weighted`, `weights` holds one weight per
 * value (workflow-format.md); every edit here keeps them in step, each weight travelling with its
 * value. Without weights, only the values change.
 */
export interface RotationValues<T> {
  values: T[];
  weights?: number[];
}

/** One weight per value: a missing weight counts as 1, one past the last value is dropped. */
export const weightsInStep = (count: number, weights: number[]): number[] =>
  Array.from({ length: count }, (_, index) => weights[index] ?? 1);

const move = <T>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

const rotation = <T>(values: T[], weights: number[] | undefined): RotationValues<T> =>
  weights ? { values, weights } : { values };

export function addValue<T>({ values, weights }: RotationValues<T>, value: T): RotationValues<T> {
  return rotation([...values, value], weights && [...weightsInStep(values.length, weights), 1]);
}

export function removeValue<T>({ values, weights }: RotationValues<T>, index: number): RotationValues<T> {
  const kept = (_: unknown, i: number) => i !== index;
  return rotation(values.filter(kept), weights && weightsInStep(values.length, weights).filter(kept));
}

export function moveValue<T>(
  { values, weights }: RotationValues<T>,
  from: number,
  to: number,
): RotationValues<T> {
  return rotation(move(values, from, to), weights && move(weightsInStep(values.length, weights), from, to));
}

export function setWeight<T>(
  { values, weights }: RotationValues<T>,
  index: number,
  weight: number,
): RotationValues<T> {
  return {
    values,
    weights: weightsInStep(values.length, weights ?? []).map((w, i) => (i === index ? weight : w)),
  };
}

/** A weight as typed: a positive whole number, or null while it is not one. */
export function parseWeight(text: string): number | null {
  const weight = Number(text);
  return text.trim() !== '' && Number.isInteger(weight) && weight > 0 ? weight : null;
}
