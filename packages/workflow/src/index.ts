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
export { fieldOptionUses } from './field-option-uses';
export { layoutWorkflow, LAYER_GAP, SIBLING_GAP, type LaidOut, type LayoutOptions } from './layout-workflow';
export { exportWorkflow } from './export-workflow';
export {
  durationParts,
  parseDuration,
  DURATION_UNITS,
  MIN_WAIT_MS,
  MAX_WAIT_MS,
  type DurationPart,
  type DurationUnit,
} from './duration';
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
export { normalizeEmail, normalizeManagerValue } from './workflow-context';
export {
  clipText,
  describeProblem,
  formatPath,
  isProblemCode,
  KEY_PREVIEW_CHARS,
  previewValue,
  PREVIEW_CHARS,
  PROBLEM_CODES,
  problemParams,
  quoteList,
  type PathKeys,
  type Problem,
  type ProblemCode,
} from './problem';
export { zodIssueCode } from './zod-problems';
export {
  FORBIDDEN_KEYS,
  isForbiddenKey,
  jsonShapeProblems,
  jsonTextDepthProblem,
  MAX_JSON_DEPTH,
} from './json-shape';
export { valueMismatch } from './value-fits-field';
export {
  coerceRuleValue,
  describeRule,
  describeRules,
  emptyRuleValue,
  findIncompleteRules,
  isRuleGroup,
  leadRuleFields,
  logicToRules,
  operatorsFor,
  operatorWords,
  ruleGap,
  rulesToLogic,
  ruleToLogic,
  type Rule,
  type RuleField,
  type RuleFieldType,
  type RuleGroup,
  type RuleOperator,
  type RuleScalar,
  type RuleValue,
} from './condition-rules';
export { hasTag, sameTag, tagKey, uniqueTags, withTag, withoutTag } from './tags';
export {
  fieldsWritten,
  findOverlaps,
  triggersOverlap,
  type OverlapCandidate,
  type WorkflowOverlap,
} from './workflow-overlaps';
export { readWorkingHoursRange } from './working-hours-range';
export { managerEmailsOf } from './manager-emails';
