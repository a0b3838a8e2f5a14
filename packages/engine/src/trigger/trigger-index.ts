import { sameTag, tagKey, type TriggerData } from '@leadflow/workflow';
import type { LeadEvent } from '../types';

/** Whether a trigger starts a run for an event; tags compare without regard to case. */
export function triggerMatches(trigger: TriggerData, event: LeadEvent): boolean {
  if (trigger.event !== event.type) return false;
  if (trigger.event === 'lead.fieldUpdated')
    return trigger.field === undefined || trigger.field === event.field;
  if (trigger.event === 'lead.tagAdded')
    return trigger.tag === undefined || (event.tag !== undefined && sameTag(trigger.tag, event.tag));
  return true;
}

/** Finds the workflows whose trigger starts a run for an event. */
export interface TriggerIndex {
  /** The ids whose trigger matches `event`, in the order the workflows were given. */
  match(event: LeadEvent): string[];
}

// Positions into the input, ascending, so two lists merge back into the input order.
interface Keyed {
  any: number[];
  byKey: Map<string, number[]>;
}

const keyed = (): Keyed => ({ any: [], byKey: new Map() });

function add(index: Keyed, key: string | undefined, position: number): void {
  if (key === undefined) {
    index.any.push(position);
    return;
  }
  const list = index.byKey.get(key);
  if (list) list.push(position);
  else index.byKey.set(key, [position]);
}

function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) merged.push(a[i++]);
    else merged.push(b[j++]);
  }
  return merged;
}

/**
 * Indexes triggers by event type, field and tag (case-blind), so matching an event costs the size of the
 * answer, not the number of workflows. Pass the workflows in creation order.
 */
export function createTriggerIndex(
  workflows: ReadonlyArray<{ id: string; trigger: TriggerData }>,
): TriggerIndex {
  const ids = workflows.map((workflow) => workflow.id);
  const created: number[] = [];
  const fieldUpdated = keyed();
  const tagAdded = keyed();
  workflows.forEach(({ trigger }, position) => {
    if (trigger.event === 'lead.created') created.push(position);
    else if (trigger.event === 'lead.fieldUpdated') add(fieldUpdated, trigger.field, position);
    else if (trigger.event === 'lead.tagAdded')
      add(tagAdded, trigger.tag === undefined ? undefined : tagKey(trigger.tag), position);
  });
  const lookup = (index: Keyed, key: string | undefined): number[] => {
    const specific = key === undefined ? undefined : index.byKey.get(key);
    return specific ? mergeAscending(index.any, specific) : index.any;
  };
  return {
    match(event) {
      let positions: readonly number[];
      if (event.type === 'lead.created') positions = created;
      else if (event.type === 'lead.fieldUpdated') positions = lookup(fieldUpdated, event.field);
      else if (event.type === 'lead.tagAdded')
        positions = lookup(tagAdded, event.tag === undefined ? undefined : tagKey(event.tag));
      else positions = [];
      return positions.map((position) => ids[position]);
    },
  };
}
