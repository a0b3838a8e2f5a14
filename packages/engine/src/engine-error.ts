/**
 * What went wrong inside the engine, as a word a caller can switch on; the error's `message` says
 * it for people. Stable: add, never rename.
 */
export const ENGINE_ERROR_CODES = [
  /**
   * A condition holds `method`, `log` or a path through `__proto__`, `prototype` or `constructor`:
   * refused at save, checked again because a stored definition is all that stands before the evaluator.
   */
  'unsafe_condition',
  /** A condition names an operation the evaluator does not have. */
  'unknown_operation',
  /** The conditions of one run spent their budget (`ConditionBudgetError`). */
  'condition_budget',
  /** A duration that is not ISO 8601 (a compiled workflow has passed the format's checks: a bug). */
  'invalid_duration',
  /** A time zone this runtime does not know, or whose local time it cannot read. */
  'invalid_time_zone',
  /** A split without branches (the format refuses one at save: a bug). */
  'split_without_branches',
] as const;
/** One of `ENGINE_ERROR_CODES`. */
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/**
 * An error the engine throws, with its `code`: callers branch on the code, never on the message.
 * A node that throws one ends its run `failed`, the reason naming the node and the message.
 */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Whether `error` is an `EngineError` with this `code`. */
export const isEngineError = (error: unknown, code: EngineErrorCode): error is EngineError =>
  error instanceof EngineError && error.code === code;
