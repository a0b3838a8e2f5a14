import { fnv1a32 } from '../split/split';
import { NO_ELIGIBLE_VALUE, type AssignmentStrategy, type Pick, type PickInput } from './assignment.strategy';

/** An eligible candidate drawn uniformly from the injected source. Keeps no state. */
export const randomStrategy: AssignmentStrategy = {
  stateful: false,
  pick({ candidates, random }: PickInput): Pick {
    if (candidates.length === 0) return { given: false, reason: NO_ELIGIBLE_VALUE };
    const index = Math.min(candidates.length - 1, Math.floor(random() * candidates.length));
    return { given: true, value: candidates[Math.max(0, index)], reason: 'random', state: null };
  },
};

/** mulberry32 seeded by the FNV-1a hash of `seed`: numbers in [0, 1), the same for the same seed. */
export function seededRandom(seed: string): () => number {
  let a = fnv1a32(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
