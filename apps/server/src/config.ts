import { resolve } from 'node:path';

export type Role = 'api' | 'worker' | 'all';

export interface Config {
  port: number;
  host: string;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  redisUrl: string | null;
  role: Role;
  demo: boolean;
  logLevel: string;
  /** SQLite `synchronous`: NORMAL survives a process crash; FULL also a power cut, at ~6× the commit cost. */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  editorDir: string;
}

/** Reads the environment once at start; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const url = env.DATABASE_URL || 'sqlite:./data/leadflow.sqlite';
  let database: Config['database'];
  if (url.startsWith('sqlite:')) database = { type: 'sqlite', path: resolve(url.slice('sqlite:'.length)) };
  else if (/^postgres(ql)?:\/\//.test(url)) database = { type: 'postgres', url };
  else throw new Error(`DATABASE_URL must start with "sqlite:" or "postgres://", got "${maskPassword(url)}"`);

  const role = (env.LEADFLOW_ROLE || 'all') as Role;
  if (!['api', 'worker', 'all'].includes(role))
    throw new Error(`LEADFLOW_ROLE must be api, worker or all, got "${role}"`);
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const synchronous = (env.SQLITE_SYNCHRONOUS || 'NORMAL').toUpperCase();
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL')
    throw new Error('SQLITE_SYNCHRONOUS must be NORMAL or FULL');

  return {
    port,
    host: env.HOST || '127.0.0.1',
    database,
    redisUrl: env.REDIS_URL || null,
    role,
    demo: env.LEADFLOW_DEMO !== '0',
    logLevel: env.LOG_LEVEL || 'info',
    sqliteSynchronous: synchronous,
    editorDir: env.LEADFLOW_EDITOR_DIR || resolve(__dirname, '../../editor/dist'),
  };
}

/**
 * A connection URL fit for a log line: its password replaced by `***`
 * (`mysql://u:secret@h/db` → `mysql://u:***@h/db`). Strings that are not URLs are masked the same way.
 */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = '***';
      return parsed.toString();
    }
    if (!/@/.test(url)) return url;
  } catch {
    // not a URL: mask by pattern below
  }
  return url.replace(/\/\/([^/:@]*):[^@]*@/, '//$1:***@');
}

/** Whether the server only listens on this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The injection token of the process's Config (see DatabaseModule). */
export const CONFIG = Symbol('Config');
