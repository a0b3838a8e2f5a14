/** The operations of json-logic-js 2.0.5 a condition may use (not `method`, not `log`). */
export const JSON_LOGIC_OPERATIONS = [
  'var', 'missing', 'missing_some',
  'if', '?:',
  '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min',
  '+', '-', '*', '/', '%',
  'map', 'reduce', 'filter', 'all', 'none', 'some', 'merge', 'in',
  'cat', 'substr',
] as const;

/** Operations this project adds to json-logic-js (react-querybuilder emits them). */
export const EXTRA_JSON_LOGIC_OPERATIONS = ['startsWith', 'endsWith'] as const;

/** Everything a condition may use: the json-logic-js operations and the extra ones. */
export const ALLOWED_OPERATIONS: ReadonlySet<string> = new Set([...JSON_LOGIC_OPERATIONS, ...EXTRA_JSON_LOGIC_OPERATIONS]);

/** The part of a json-logic-js instance that registers operations. */
export interface JsonLogicRegistry {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
}

const startsWith = (text: unknown, prefix: unknown): boolean =>
  typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix);
const endsWith = (text: unknown, suffix: unknown): boolean =>
  typeof text === 'string' && typeof suffix === 'string' && text.endsWith(suffix);

/**
 * Adds `startsWith` and `endsWith` (`{"startsWith": [{"var": "lead.email"}, "info@"]}`) to a
 * json-logic-js instance, so that every process evaluates conditions with the same operations.
 * Both are false unless both arguments are strings.
 */
export function registerJsonLogicOperations(jsonLogic: JsonLogicRegistry): void {
  jsonLogic.add_operation('startsWith', startsWith);
  jsonLogic.add_operation('endsWith', endsWith);
}
