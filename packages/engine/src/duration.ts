import { parseDuration } from '@leadflow/workflow';
import { EngineError } from './engine-error';

/**
 * Milliseconds of an ISO 8601 duration `PnYnMnWnDTnHnMnS`, as the format package's
 * `parseDuration` reads it (a year counts 365 days, a month 30; only the last component may have
 * a fraction). Throws an `EngineError` (`invalid_duration`) on anything else, including `P` and `PT` alone: a compiled workflow has
 * passed the format's checks, so a bad duration here is a bug, not input.
 */
export function durationToMs(iso: string): number {
  const ms = parseDuration(iso);
  if (ms === null)
    throw new EngineError('invalid_duration', `"${String(iso)}" is not an ISO 8601 duration such as "PT2H"`);
  return ms;
}
