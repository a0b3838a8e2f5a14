/** The operations of json-logic-js 2.0.5 a condition may use (not `method`, not `log`). */
export const JSON_LOGIC_OPERATIONS = [
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  '==',
  '===',
  '!=',
  '!==',
  '!',
  '!!',
  'or',
  'and',
  '>',
  '>=',
  '<',
  '<=',
  'max',
  'min',
  '+',
  '-',
  '*',
  '/',
  '%',
  'map',
  'reduce',
  'filter',
  'all',
  'none',
  'some',
  'merge',
  'in',
  'cat',
  'substr',
] as const;

/** Operations this project adds to json-logic-js (the editor's condition builder emits them). */
export const EXTRA_JSON_LOGIC_OPERATIONS = ['startsWith', 'endsWith', 'equalsIgnoreCase'] as const;

/** Everything a condition may use: the json-logic-js operations and the extra ones. */
export const ALLOWED_OPERATIONS: ReadonlySet<string> = new Set([
  ...JSON_LOGIC_OPERATIONS,
  ...EXTRA_JSON_LOGIC_OPERATIONS,
]);

/** The part of a json-logic-js instance that registers operations. */
export interface JsonLogicRegistry {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
}

const startsWith = (text: unknown, prefix: unknown): boolean =>
  typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix);
const endsWith = (text: unknown, suffix: unknown): boolean =>
  typeof text === 'string' && typeof suffix === 'string' && text.endsWith(suffix);
// Lower-cased with the root locale's rules (`toLowerCase`), so every process agrees.
const equalsIgnoreCase = (text: unknown, other: unknown): boolean =>
  typeof text === 'string' && typeof other === 'string' && text.toLowerCase() === other.toLowerCase();

/**
 * Adds `startsWith` and `endsWith` (`{"startsWith": [{"var": "lead.email"}, "info@"]}`) to a
 * json-logic-js instance, and `equalsIgnoreCase` (`{"equalsIgnoreCase": [{"var": "lead.country"}, "de"]}`:
 * the same text regardless of letter case), so that every process evaluates conditions with the
 * same operations. Each is false unless both arguments are strings.
 */
export function registerJsonLogicOperations(jsonLogic: JsonLogicRegistry): void {
  jsonLogic.add_operation('startsWith', startsWith);
  jsonLogic.add_operation('endsWith', endsWith);
  jsonLogic.add_operation('equalsIgnoreCase', equalsIgnoreCase);
}
