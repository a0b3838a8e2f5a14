/**
 * Waits for `work` at most `ms` milliseconds. Resolves `'done'` when it settled in time (a rejection
 * counts as settled: there is nothing more to wait for), `'timeout'` otherwise; never rejects.
 * The timer does not keep the process alive.
 */
export async function within(ms: number, work: Promise<unknown> | unknown): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  const settled = Promise.resolve(work).then(
    () => 'done' as const,
    () => 'done' as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
