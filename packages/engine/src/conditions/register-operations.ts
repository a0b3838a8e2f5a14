import { hasTag, registerJsonLogicOperations, type JsonLogicRegistry } from '@leadflow/workflow';
import jsonLogic from 'json-logic-js';
import { addMeteredOperation } from './metered-logic';

/**
 * The operation `{"in": [tag, {"var": "lead.tags"}]}` is compiled to: the same as `in`, except that a
 * string is looked for among the tags without regard to case (`Hot` is the tag `hot`). Internal: a
 * workflow file cannot name it.
 */
export const TAGS_CONTAIN = 'leadflow:tagsContain';

const tagsContain = (tag: unknown, tags: unknown): boolean => {
  if (Array.isArray(tags) && typeof tag === 'string') return hasTag(tags, tag);
  // Anything else as json-logic-js's own `in` answers it.
  return tags !== null && typeof tags === 'object' && 'indexOf' in tags
    ? (tags as unknown[]).indexOf(tag) !== -1
    : typeof tags === 'string' && tags.indexOf(String(tag)) !== -1;
};

// Conditions run on the metered evaluator; json-logic-js gets the same operations so that anything
// comparing with it (tests, tools) agrees.
const METERED: JsonLogicRegistry = { add_operation: addMeteredOperation };

let registered = false;

/**
 * Adds the operations Leadflow conditions may use beyond json-logic-js's own (`startsWith`,
 * `endsWith`, `equalsIgnoreCase`, as the format package defines them) and the internal case-blind
 * tag lookup, to the metered evaluator and to json-logic-js. Idempotent; `compileCondition` calls it.
 */
export function registerOperations(): void {
  if (registered) return;
  for (const registry of [METERED, jsonLogic]) {
    registerJsonLogicOperations(registry);
    registry.add_operation(TAGS_CONTAIN, tagsContain);
  }
  registered = true;
}
