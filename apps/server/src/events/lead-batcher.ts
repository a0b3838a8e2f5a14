import { logger } from '../common/logger';
import { logRuns } from './dispatcher';
import type { RunRecord } from '../runs/run.repository';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for PostgreSQL workers: the leads asked for while a transaction runs are processed
 * together in the next one (at most `max` leads, `parallel` transactions at a time). The hot rows
 * (a workflow's rotation) are then locked once per transaction rather than once per lead, which is
 * what bounds throughput when every lead goes through the same `replaceWithOneOf` node.
 */
export class LeadBatcher {
  private waiting = new Map<string, Waiter[]>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly processLeads: (leadIds: string[]) => Promise<RunRecord[]>,
    private readonly max = 64,
    private readonly parallel = 2,
  ) {}

  /** Resolves once every event of the lead pending now has been processed (or rejects if its transaction failed). */
  process(leadId: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiters = this.waiting.get(leadId) ?? [];
      waiters.push({ resolve, reject });
      this.waiting.set(leadId, waiters);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.parallel || this.waiting.size === 0) return;
    this.scheduled = true;
    // One turn of the event loop lets the jobs handed over together join one batch.
    setImmediate(() => {
      this.scheduled = false;
      this.next();
    });
  }

  private next(): void {
    if (this.inFlight >= this.parallel || this.waiting.size === 0) return;
    const batch = new Map<string, Waiter[]>();
    for (const [leadId, waiters] of this.waiting) {
      if (batch.size === this.max) break;
      batch.set(leadId, waiters);
      this.waiting.delete(leadId);
    }
    this.inFlight++;
    void this.run(batch).finally(() => {
      this.inFlight--;
      this.schedule();
    });
    this.schedule();
  }

  private async run(batch: Map<string, Waiter[]>): Promise<void> {
    try {
      logRuns(await this.processLeads([...batch.keys()]));
      for (const waiters of batch.values()) for (const w of waiters) w.resolve();
      return;
    } catch (error) {
      if (batch.size === 1) {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        return;
      }
      logger.warn({ err: error, leads: batch.size }, 'a batch of leads failed; processing them one by one');
    }
    // One lead's failure must not hold up the others.
    for (const [leadId, waiters] of batch) {
      try {
        logRuns(await this.processLeads([leadId]));
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
  }
}
