export * from './types';
export { ENGINE_ERROR_CODES, EngineError, isEngineError, type EngineErrorCode } from './engine-error';
export {
  compileWorkflow,
  type CompiledWorkflow,
  type CompiledNode,
  type Outgoing,
} from './graph/compile-workflow';
export { startRun, resumeRun, CONDITION_BUDGET_REASON } from './run/run-workflow';
export {
  applyMetered,
  ConditionMeter,
  ConditionBudgetError,
  CONDITION_BUDGET,
  type ConditionBudget,
} from './conditions/metered-logic';
export { compileCondition, withConditionMeter, type CompiledCondition } from './conditions/condition';
export { createTriggerIndex, triggerMatches, type TriggerIndex } from './trigger/trigger-index';
export { durationToMs } from './duration';
export { registerOperations } from './conditions/register-operations';
export { chooseSplitBranch, splitBucket, fnv1a32 } from './split/split';
export { previewNextValue, type Skip } from './assignment/replace-with-one-of';
export { managerSkipReason, type SkipReason } from './assignment/eligibility';
export { accountKey, type StickyBy } from './assignment/sticky';
export { CLOSED_STATUSES, isOpenLead, MAX_EVENT_DEPTH, WON_STATUS } from './lead-status';
export { isWithinWorkingHours, readWorkingHoursRange } from './assignment/working-hours';
export type { AssignmentStrategy, PickInput, Pick } from './assignment/assignment.strategy';
