import { registerJsonLogicOperations } from '@leadflow/workflow';
import jsonLogic from 'json-logic-js';

let registered = false;

/**
 * Adds the operations Leadflow conditions may use beyond json-logic-js's own (`startsWith`,
 * `endsWith`, `equalsIgnoreCase`), as the format package defines them. Idempotent;
 * `compileWorkflow` calls it.
 */
export function registerOperations(): void {
  if (registered) return;
  registerJsonLogicOperations(jsonLogic);
  registered = true;
}
