import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const MAIN = join(__dirname, '../dist/main.js');

export function assertBuilt(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The real server as its own process, as `npm start` runs it. */
export class ServerProcess {
  child: ChildProcess | null = null;
  output = '';

  constructor(
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawns the server and waits until `/api/health` answers, for at most `timeoutMs`. */
  async start(timeoutMs = 20_000): Promise<void> {
    this.child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LEADFLOW_DEMO: '0',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`server did not start: ${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Sends a signal and waits for the process to end; returns its exit code (null when killed). */
  stop(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child!;
    if (!this.exited.has(child)) {
      this.exited.set(
        child,
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve(child.exitCode)
          : new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
      );
      child.kill(signal);
    }
    return this.exited.get(child)!;
  }

  private readonly exited = new Map<ChildProcess, Promise<number | null>>();
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

/** Waits until the server's outbox is empty (`leadflow_events_pending 0` in /api/metrics), as an operator would see it. */
export async function settled(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${url}/api/metrics`)).text();
    if (/^leadflow_events_pending 0$/m.test(text)) return;
    if (Date.now() > deadline) throw new Error(`events still pending:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
