export * from './schema';
export { parseWorkflow, type ParseWorkflowResult } from './parse-workflow';
export { checkActivation, type ActivationProblem } from './check-activation';
export { checkCondition, CONDITION_BUDGET, MAX_CONDITION_DEPTH } from './check-condition';
export {
  ALLOWED_OPERATIONS,
  EXTRA_JSON_LOGIC_OPERATIONS,
  JSON_LOGIC_OPERATIONS,
  registerJsonLogicOperations,
  type JsonLogicRegistry,
} from './json-logic-operations';
export { layoutWorkflow, LAYER_GAP, SIBLING_GAP, type LaidOut } from './layout-workflow';
export { exportWorkflow } from './export-workflow';
export { parseDuration, MIN_WAIT_MS, MAX_WAIT_MS } from './duration';
export {
  BUILT_IN_FIELDS,
  FIELD_KEY_PATTERN,
  FIELD_TYPES,
  RESERVED_FIELD_KEYS,
  validateFieldKey,
  type FieldDef,
  type FieldType,
} from './fields';
export type { WorkflowContext } from './workflow-context';
export { describeProblem, type Problem } from './problem';
export { valueMismatch } from './value-fits-field';
