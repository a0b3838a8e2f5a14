import { waitFor, WaitTimeout } from './wait';

describe('waitFor', () => {
  it('resolves with the first value that passes, probing until then', async () => {
    let calls = 0;
    const value = await waitFor('the third call', () => ++calls, { until: (n) => n >= 3, intervalMs: 1 });
    expect(value).toBe(3);
    expect(calls).toBe(3);
  });

  it('throws a WaitTimeout naming what it waited for and the last value seen', async () => {
    const started = Date.now();
    const wait = waitFor('the queue to empty', async () => 'pending 2', {
      until: (text) => text === 'pending 0',
      timeoutMs: 100,
      intervalMs: 10,
    });
    await expect(wait).rejects.toThrow(WaitTimeout);
    await expect(wait).rejects.toThrow(
      'waited 100 ms for the queue to empty, in vain; last seen:\npending 2',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('returns the last value at the deadline when told to', async () => {
    expect(await waitFor('never', () => 0, { timeoutMs: 20, intervalMs: 5, onTimeout: 'return' })).toBe(0);
  });

  it("ends at a probe's error, or retries it and throws the last one at the deadline", async () => {
    const failing = () => {
      throw new Error('not yet');
    };
    await expect(waitFor('a throw', failing, { timeoutMs: 10_000 })).rejects.toThrow('not yet');
    let calls = 0;
    const retried = waitFor('a retried throw', () => (++calls < 3 ? failing() : 'done'), {
      errors: 'retry',
      intervalMs: 1,
    });
    await expect(retried).resolves.toBe('done');
    await expect(waitFor('a throw', failing, { errors: 'retry', timeoutMs: 20 })).rejects.toThrow('not yet');
  });
});
