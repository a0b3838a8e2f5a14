import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ServerProcess as Process } from '@leadflow/test-support';

export { freePort, settled } from '@leadflow/test-support';

export const MAIN = join(__dirname, '../dist/main.js');

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
}

/**
 * The real server as its own process, as `npm start` runs it (the built `dist/main.js`), on `port`
 * with the demo off, warnings-only logs and `env` over both. `start(timeoutMs?)` waits for
 * `/api/health`; `stop(signal)` resolves with the exit code (null when a signal ended it).
 */
export class ServerProcess extends Process {
  constructor(port: number, env: Record<string, string>) {
    super({ script: MAIN, port, env: { LEADFLOW_DEMO: '0', LOG_LEVEL: 'warn', ...env } });
  }
}

export async function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : (undefined as T) };
}
