import type { Database } from 'better-sqlite3';
import { StoreHealth, unavailableCause } from './unavailable';

/** A FIFO async lock. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

interface Job {
  op: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The one way to write to the SQLite connection. better-sqlite3 has a single connection, and
 * concurrent TypeORM transactions on it break atomicity (see docs/architecture.md), so every write
 * is serialised here. Writes from concurrent requests are grouped: the ops queued in one turn of
 * the event loop commit in one transaction; if one of them throws, each is run again alone, so one
 * refused op does not undo the others. One commit for many requests is what lets a burst of leads be durable fast.
 */
export class Writer {
  private readonly lock = new Mutex();
  private queue: Job[] = [];
  private scheduled = false;
  /** How many ops the last flush committed: more than one means requests are arriving together. */
  private lastBatch = 0;

  constructor(
    readonly db: Database,
    /** Whether writes are being stored: a full disk or a busy/failing file is recorded here, for readiness. */
    readonly health = new StoreHealth(),
  ) {}

  /** Runs a synchronous op in a transaction shared with the other ops queued in the same turn. */
  write<T>(op: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        const flush = () => void this.lock.run(() => this.flush());
        // Under concurrent load wait a millisecond so that more requests share the commit: each
        // commit writes every page it touched, so fewer, fuller commits cost far less per lead
        // (docs/performance.md). One request at a time: flush at once.
        if (this.lastBatch > 2) setTimeout(flush, 1);
        else setImmediate(flush);
      }
    });
  }

  /** Runs a synchronous function in its own transaction, between group commits. */
  transaction<T>(fn: () => T): Promise<T> {
    return this.lock.run(() => this.tracked(this.db.transaction(fn)));
  }

  /** Exclusive use of the connection for async work (a TypeORM transaction). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  private flush(): void {
    const jobs = this.queue;
    this.lastBatch = jobs.length;
    this.queue = [];
    this.scheduled = false;
    let values: unknown[];
    try {
      // Optimistic: ops are validated before they are queued and rarely throw, so they share the
      // transaction without a savepoint each (two statements fewer per op on the hot path).
      values = this.tracked(this.db.transaction(() => jobs.map((job) => job.op())));
    } catch (error) {
      // A full disk or a failing file refuses every op alike: refuse them all (nothing of the batch
      // was committed, so nothing is acknowledged) rather than fail each again alone.
      if (unavailableCause(error)) {
        for (const job of jobs) job.reject(error);
        return;
      }
      // An op threw and took the batch with it: run each op alone, so only that one fails.
      // Ops are re-runnable: they only read and write the database.
      for (const job of jobs) {
        try {
          job.resolve(this.tracked(this.db.transaction(job.op)));
        } catch (error) {
          job.reject(error);
        }
      }
      return;
    }
    jobs.forEach((job, i) => job.resolve(values[i]));
  }

  /** Runs a transaction, recording in `health` whether the database stored it. */
  private tracked<T>(transaction: () => T): T {
    try {
      const value = transaction();
      this.health.stored();
      return value;
    } catch (error) {
      this.health.failed(error);
      throw error;
    }
  }
}
