/** How `waitFor` polls; every field is optional. */
export interface WaitOptions<T> {
  /** Whether the probe's value is the one awaited; default: any truthy value. */
  until?: (value: T) => boolean;
  /** The deadline, in ms from the call; default 10,000. */
  timeoutMs?: number;
  /** The pause between two probes, in ms; default 50. */
  intervalMs?: number;
  /**
   * A probe that throws: `'throw'` (default) ends the wait with its error; `'retry'` counts it as
   * "not yet", and at the deadline the last error is thrown as it is (an assertion that kept failing
   * says best what is wrong).
   */
  errors?: 'throw' | 'retry';
  /**
   * At the deadline: `'throw'` (default) a `WaitTimeout`; `'return'` the last value, for a caller
   * whose own checks of that value say best what is wrong.
   */
  onTimeout?: 'throw' | 'return';
}

/** A `waitFor` whose deadline passed: the message names what was awaited, how long, and the last value seen. */
export class WaitTimeout extends Error {
  override name = 'WaitTimeout';
}

/**
 * Calls `probe` every `intervalMs` until its value passes `until` (default: truthy), and resolves
 * with that value. `what` names what is awaited, for the timeout message ("the server to answer
 * /api/health"). Throws `WaitTimeout` once `timeoutMs` have passed, or see `onTimeout`/`errors`.
 * The probe runs at least once, and the last time at the deadline.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  options: WaitOptions<T> = {},
): Promise<T> {
  const {
    until = Boolean,
    timeoutMs = 10_000,
    intervalMs = 50,
    errors = 'throw',
    onTimeout = 'throw',
  } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let outcome: { value: T } | { error: unknown };
    try {
      const value = await probe();
      if (until(value)) return value;
      outcome = { value };
    } catch (error) {
      if (errors === 'throw') throw error;
      outcome = { error };
    }
    if (Date.now() >= deadline) {
      if ('error' in outcome) throw outcome.error;
      if (onTimeout === 'return') return outcome.value;
      throw new WaitTimeout(`waited ${timeoutMs} ms for ${what}, in vain${shown(outcome.value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, deadline - Date.now())));
  }
}

/** The last value in a timeout message: nothing for a yes/no, text as it is, anything else as JSON, cut short. */
function shown(value: unknown): string {
  if (typeof value === 'boolean' || value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `; last seen:\n${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}`;
}
