/**
 * The time, in epoch milliseconds. One instance per process, injected wherever a decision or a
 * stored row takes the time, so that tests can set it.
 */
export class Clock {
  constructor(readonly now: () => number = Date.now) {}
}
