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
  /** `PUBLIC_URL`: where people reach the server (behind a proxy, say), or null; its host is allowed. */
  publicUrl: string | null;
  /** `ALLOWED_HOSTS`: more host names the server answers for, as `normalizeHost` gives them. */
  allowedHosts: string[];
  /** `CORS_ORIGINS`: the origins (`https://app.example.com`) sent `Access-Control-Allow-Origin`. */
  corsOrigins: string[];
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
    publicUrl: env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : null,
    allowedHosts: listOf(
      'ALLOWED_HOSTS',
      env.ALLOWED_HOSTS,
      normalizeHost,
      'host names such as "leadflow.internal,10.0.0.5"',
    ),
    corsOrigins: listOf(
      'CORS_ORIGINS',
      env.CORS_ORIGINS,
      normalizeOrigin,
      'origins such as "https://app.example.com"',
    ),
  };
}

function parsePublicUrl(value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // refused below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(
      `PUBLIC_URL must be the http(s) URL people reach the server at, such as "https://leadflow.example.com", got "${value}"`,
    );
  return url.href;
}

/** A comma-separated variable's entries, each normalised; one that is not valid stops the start. */
function listOf(
  name: string,
  value: string | undefined,
  normalize: (entry: string) => string | null,
  what: string,
): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const normal = normalize(entry);
    if (normal === null)
      throw new Error(`${name} must list ${what}, separated by commas; "${entry}" is not one`);
    return normal;
  });
}

/**
 * A host name as the host allow-list compares it: lower case, an IPv6 address in brackets, no port
 * (`Leadflow.Example:8080` → `leadflow.example`, `::1` → `[::1]`); null when it is not a host name
 * (a wildcard, a path, a user, spaces).
 */
export function normalizeHost(value: string): string | null {
  if (!value || /[\s/?#@*\\%]/.test(value)) return null;
  // An IPv6 address without brackets (`::1`, as HOST may be given) has more than one colon.
  const host = !value.startsWith('[') && value.indexOf(':') !== value.lastIndexOf(':') ? `[${value}]` : value;
  try {
    return new URL(`http://${host}`).hostname || null;
  } catch {
    return null;
  }
}

/** An origin as browsers send it (`https://app.example.com`, a port only when not the default); null when `value` is not one. */
function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    // Scheme, host and port only: no path, query, fragment or user.
    const bare = url.pathname === '/' && !/[?#@]/.test(value);
    return bare && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : null;
  } catch {
    return null;
  }
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
