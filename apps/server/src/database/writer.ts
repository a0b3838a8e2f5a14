import type { Database } from 'better-sqlite3';

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
 * the event loop commit in one transaction, each inside its own savepoint, so one refused op does
 * not undo the others. One commit for many requests is what lets a burst of leads be durable fast.
 */
export class Writer {
  private readonly lock = new Mutex();
  private queue: Job[] = [];
  private scheduled = false;

  constructor(readonly db: Database) {}

  /** Runs a synchronous op in a transaction shared with the other ops queued in the same turn. */
  write<T>(op: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.lock.run(() => this.flush()));
      }
    });
  }

  /** Runs a synchronous function in its own transaction, between group commits. */
  transaction<T>(fn: () => T): Promise<T> {
    return this.lock.run(() => this.db.transaction(fn)());
  }

  /** Exclusive use of the connection for async work (a TypeORM transaction). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.lock.run(fn);
  }

  private flush(): void {
    const jobs = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: Array<{ ok: boolean; value: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const job of jobs) {
          try {
            // A nested better-sqlite3 transaction is a savepoint.
            outcomes.push({ ok: true, value: this.db.transaction(job.op)() });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
  }
}
