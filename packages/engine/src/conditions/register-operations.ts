import { hasTag, registerJsonLogicOperations } from '@leadflow/workflow';
import jsonLogic from 'json-logic-js';

/**
 * The operation `{"in": [tag, {"var": "lead.tags"}]}` is compiled to: the same as `in`, except that a
 * string is looked for among the tags without regard to case (`Hot` is the tag `hot`). Internal: a
 * workflow file cannot name it.
 */
export const TAGS_CONTAIN = 'leadflow:tagsContain';

let registered = false;

/**
 * Adds the operations Leadflow conditions may use beyond json-logic-js's own (`startsWith`,
 * `endsWith`, `equalsIgnoreCase`), as the format package defines them. Idempotent;
 * `compileWorkflow` calls it.
 */
export function registerOperations(): void {
  if (registered) return;
  registerJsonLogicOperations(jsonLogic);
  jsonLogic.add_operation(TAGS_CONTAIN, (tag: unknown, tags: unknown) => {
    if (Array.isArray(tags) && typeof tag === 'string') return hasTag(tags, tag);
    // Anything else as json-logic-js's own `in` answers it.
    return tags !== null && typeof tags === 'object' && 'indexOf' in tags
      ? (tags as unknown[]).indexOf(tag) !== -1
      : typeof tags === 'string' && tags.indexOf(String(tag)) !== -1;
  });
  registered = true;
}
