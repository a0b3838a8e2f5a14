import { statfs } from 'node:fs/promises';
import { ApiError } from '../common/api-error';

/** Why a write could not be stored for a reason outside the request, and when to try again. */
export interface Unavailable {
  /** Names the cause, for the 503's message and the logs. */
  message: string;
  /** Seconds a client should wait before retrying (the `Retry-After` header). */
  retryAfter: number;
}

// PostgreSQL: the server ended the connection (admin shutdown, crash, recovery), the connection failed,
// the disk is full, out of memory, too many connections. Node: the socket went away.
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const RESOURCE_CODES: Record<string, Unavailable> = {
  '53100': {
    message: "The database's disk is full: the write could not be stored; retry once space is freed",
    retryAfter: 30,
  },
  '53200': {
    message: 'The database is out of memory: the write could not be stored; retry shortly',
    retryAfter: 5,
  },
  '53300': {
    message: 'The database refuses more connections: the write could not be stored; retry shortly',
    retryAfter: 2,
  },
};
// pg reports a socket that closed mid-query without a code.
const CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|terminating connection|Client was closed|timeout exceeded when trying to connect/i;

const CONNECTION_LOST: Unavailable = {
  message:
    'The database cannot be reached (its connection was lost): the write could not be stored; retry in a few seconds',
  retryAfter: 2,
};

function codesOf(error: unknown): { code: string; message: string } {
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  } | null;
  const driver = e?.driverError;
  return {
    code: String(driver?.code ?? e?.code ?? ''),
    message: String(driver?.message ?? e?.message ?? ''),
  };
}

/** Whether an error of pg means the connection is gone (the statement can run again on a new one). */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = codesOf(error);
  return CONNECTION_CODES.has(code) || CONNECTION_MESSAGES.test(message);
}

/**
 * The cause when `error` means the database cannot store writes now (a full disk, a lost or busy
 * database), null when the error is about the request or a bug. Works on pg and better-sqlite3
 * errors, bare or wrapped in TypeORM's `QueryFailedError`.
 */
export function unavailableCause(error: unknown): Unavailable | null {
  const { code } = codesOf(error);
  if (RESOURCE_CODES[code]) return RESOURCE_CODES[code];
  if (isConnectionLoss(error)) return CONNECTION_LOST;
  // better-sqlite3 gives extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT …).
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_FULL_')) {
    return {
      message: "The database's disk is full: the write could not be stored; retry once space is freed",
      retryAfter: 30,
    };
  }
  if (
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_BUSY_') ||
    code === 'SQLITE_LOCKED' ||
    code.startsWith('SQLITE_LOCKED_')
  ) {
    return {
      message:
        'The database is busy (another process holds its lock): the write could not be stored; retry shortly',
      retryAfter: 2,
    };
  }
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) {
    return {
      message:
        'The database could not write to its disk (an I/O error): the write could not be stored; retry shortly',
      retryAfter: 10,
    };
  }
  return null;
}

/** The 503 for an error that `unavailableCause` recognises, else null. */
export function unavailableError(error: unknown): ApiError | null {
  const cause = unavailableCause(error);
  return cause && ApiError.unavailable(cause.message, cause.retryAfter);
}

/**
 * Whether this process's database stores writes: set when a write failed for a reason outside the
 * request, cleared when one is stored again. Readiness answers 503 while it is set.
 */
export class StoreHealth {
  private failure: (Unavailable & { since: number }) | null = null;

  /** The failure in force, or null when the last write was stored. */
  get unavailable(): (Unavailable & { since: number }) | null {
    return this.failure;
  }

  /** Records the outcome of a write: the error when it failed (only causes outside the request count). */
  failed(error: unknown): void {
    const cause = unavailableCause(error);
    if (cause) this.failure ??= { ...cause, since: Date.now() };
  }

  stored(): void {
    this.failure = null;
  }

  /** Records whether `write` was stored, and passes its outcome on. */
  async track<T>(write: Promise<T>): Promise<T> {
    try {
      const result = await write;
      this.stored();
      return result;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }
}

/** Bytes free for an unprivileged writer on the file system holding `dir`; null when unknown. */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}
