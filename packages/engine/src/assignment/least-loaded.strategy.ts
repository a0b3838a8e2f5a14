import { NO_ELIGIBLE_VALUE, type AssignmentStrategy, type Pick, type PickInput } from './assignment.strategy';

/** The eligible candidate with the fewest open leads, the first in list order on a tie. Keeps no state. */
export const leastLoadedStrategy: AssignmentStrategy = {
  stateful: false,
  pick({ candidates, openLeads }: PickInput): Pick {
    let best: { value: (typeof candidates)[number]; load: number } | undefined;
    for (const value of candidates) {
      const load = openLeads(value);
      if (!best || load < best.load) best = { value, load };
    }
    return best
      ? { given: true, value: best.value, reason: 'leastLoaded', state: null }
      : { given: false, reason: NO_ELIGIBLE_VALUE };
  },
};
