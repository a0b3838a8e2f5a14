import jsonLogic from 'json-logic-js';

let registered = false;

/**
 * Adds the operations Leadflow conditions may use beyond json-logic-js's own (`startsWith`,
 * `endsWith`). Idempotent; `compileWorkflow` calls it.
 */
export function registerOperations(): void {
  if (registered) return;
  jsonLogic.add_operation('startsWith', (text: unknown, prefix: unknown) =>
    typeof text === 'string' && typeof prefix === 'string' ? text.startsWith(prefix) : false,
  );
  jsonLogic.add_operation('endsWith', (text: unknown, suffix: unknown) =>
    typeof text === 'string' && typeof suffix === 'string' ? text.endsWith(suffix) : false,
  );
  registered = true;
}
