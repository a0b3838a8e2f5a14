/**
 * Runs `work` one at a time: a `kick` while it runs asks for one more run right after, so work
 * signalled meanwhile is never missed and never run twice in parallel.
 */
export class SingleFlight {
  private running: Promise<void> | null = null;
  private again = false;
  stopped = true;

  constructor(private readonly work: () => Promise<void>) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Stops new runs and waits for the one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
