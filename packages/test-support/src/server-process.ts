import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { waitFor, WaitTimeout } from './wait';

/**
 * How long `start()` waits for `/api/health` unless told otherwise, in ms: 60 s, or
 * `LEADFLOW_TEST_START_TIMEOUT_MS`. Generous, as an API process and three workers starting side by
 * side on two loaded cores (CI) can take more than 20 s.
 */
export const START_TIMEOUT_MS = Number(process.env.LEADFLOW_TEST_START_TIMEOUT_MS) || 60_000;

/** How long `stop()` waits after its signal before it sends SIGKILL, unless told otherwise: 30 s. */
export const KILL_AFTER_MS = 30_000;

/** A free TCP port on 127.0.0.1 (the OS picks it; free when asked, so there is a small race). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** What a `ServerProcess` runs and how long it waits. */
export interface ServerProcessOptions {
  /** The script node runs: the built server (`apps/server/dist/main.js`), or another HTTP server. */
  script: string;
  /** Node's own flags, before the script (`['--cpu-prof']`). */
  nodeArgs?: string[];
  /** The port (PORT); a free one when absent, picked at the first start and kept for restarts. */
  port?: number;
  /** Variables over this process's environment, PORT and HOST=127.0.0.1 (which they may override). */
  env?: Record<string, string>;
  /** The working folder; this process's when absent. */
  cwd?: string;
  /** How messages name the process; default "the server". */
  name?: string;
  /** `start()`'s deadline in ms; default `START_TIMEOUT_MS`. */
  startTimeoutMs?: number;
  /** `stop()`'s wait in ms before SIGKILL; default `KILL_AFTER_MS`. */
  killAfterMs?: number;
  /** Keep only the last this many characters of the output; default: all of it. */
  outputLimit?: number;
  /** Called when the process ends without `stop()` (a crash under the test explains what follows). */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null, output: string) => void;
}

/** `start()` saw the process end before `/api/health` answered; `code` and `signal` say how. */
export class ServerExited extends Error {
  override name = 'ServerExited';
  constructor(
    message: string,
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(message);
  }
}

interface Run {
  child: ChildProcess;
  /** Resolves once the process has ended and its output is read to the end. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stopping: Promise<number | null> | null;
}

/**
 * A server as its own node process, its stdout and stderr kept in `output`. `start()` spawns it and
 * waits until `GET /api/health` answers 2xx; `stop()` ends it. It can be started again after a stop
 * (same port, the output goes on). A process still running when this one exits is killed with it,
 * and under jest also after the last test of the file that started it.
 */
export class ServerProcess {
  private run: Run | null = null;
  private log = '';
  private chosenPort: number | undefined;

  constructor(readonly options: ServerProcessOptions) {
    this.chosenPort = options.port;
  }

  /** The port; known once `spawn()` or `start()` ran, or when given. */
  get port(): number {
    if (this.chosenPort === undefined) throw new Error(`${this.name} has no port before it is started`);
    return this.chosenPort;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Everything the process wrote to stdout and stderr (the last `outputLimit` characters). */
  get output(): string {
    return this.log;
  }

  /** The current (or last) child process; null before the first start. */
  get child(): ChildProcess | null {
    return this.run?.child ?? null;
  }

  private get name(): string {
    return this.options.name ?? 'the server';
  }

  /** Starts the process without waiting for it to serve (see `start()` and `exited()`). */
  async spawn(): Promise<void> {
    if (this.run && this.run.child.exitCode === null && this.run.child.signalCode === null)
      throw new Error(`${this.name} is already running`);
    this.chosenPort ??= await freePort();
    const { script, nodeArgs = [], env = {}, cwd, outputLimit, onUnexpectedExit } = this.options;
    const child = spawn(process.execPath, [...nodeArgs, script], {
      cwd,
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.log += chunk.toString();
      if (outputLimit !== undefined && this.log.length > outputLimit) this.log = this.log.slice(-outputLimit);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    track(child);
    const run: Run = {
      child,
      stopping: null,
      closed: new Promise((resolve) =>
        child.once('close', (code, signal) => {
          untrack(child);
          if (!run.stopping) onUnexpectedExit?.(code, signal, this.log);
          resolve({ code, signal });
        }),
      ),
    };
    this.run = run;
  }

  /**
   * Spawns the process and waits until `/api/health` answers 2xx, for at most `timeoutMs`. Throws
   * `ServerExited` when the process ends first, and an error with its output when the deadline
   * passes (the process is then killed).
   */
  async start(timeoutMs = this.options.startTimeoutMs ?? START_TIMEOUT_MS): Promise<void> {
    await this.spawn();
    const run = this.run!;
    let ended: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    void run.closed.then((how) => (ended = how));
    try {
      await waitFor(
        `${this.name} to answer /api/health`,
        async () => {
          if (ended)
            throw new ServerExited(
              `${this.name} exited (code ${ended.code}, signal ${ended.signal}) before answering /api/health:\n${this.output}`,
              ended.code,
              ended.signal,
            );
          return this.healthy();
        },
        { timeoutMs },
      );
    } catch (error) {
      if (!(error instanceof WaitTimeout)) throw error;
      await this.stop('SIGKILL');
      throw new Error(`${this.name} did not answer /api/health within ${timeoutMs} ms:\n${this.output}`);
    }
  }

  /** Waits until the current process ends by itself; resolves with its exit code (null when a signal ended it). */
  async exited(): Promise<number | null> {
    if (!this.run) throw new Error(`${this.name} was never started`);
    return (await this.run.closed).code;
  }

  /**
   * Sends `signal` (SIGTERM unless told) and waits until the process has ended, sending SIGKILL
   * after `killAfterMs`; resolves with its exit code (null when a signal ended it, or when it never
   * started). A second call while it stops waits for the same end without signalling again.
   */
  stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs = this.options.killAfterMs ?? KILL_AFTER_MS) {
    const run = this.run;
    if (!run) return Promise.resolve(null);
    run.stopping ??= (async () => {
      const { child } = run;
      const running = () => child.exitCode === null && child.signalCode === null;
      if (running()) child.kill(signal);
      const killer =
        signal === 'SIGKILL' ? undefined : setTimeout(() => running() && child.kill('SIGKILL'), killAfterMs);
      const { code } = await run.closed;
      clearTimeout(killer);
      return code;
    })();
    return run.stopping;
  }

  private async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false; // not listening yet
    }
  }
}

/**
 * A `ServerProcess` over a new SQLite database (`DATABASE_URL`) in a temporary folder named after
 * `tempPrefix`. `stop()` also removes the folder (so it is not started again after), as does a
 * failed `start()`.
 */
export class TempSqliteServerProcess extends ServerProcess {
  readonly dataDir: string;

  constructor(options: ServerProcessOptions & { tempPrefix?: string }) {
    const dataDir = mkdtempSync(join(tmpdir(), options.tempPrefix ?? 'leadflow-test-'));
    super({ ...options, env: { ...options.env, DATABASE_URL: `sqlite:${join(dataDir, 'db.sqlite')}` } });
    this.dataDir = dataDir;
  }

  override async start(timeoutMs?: number): Promise<void> {
    try {
      await super.start(timeoutMs);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  override async stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | null> {
    try {
      return await super.stop(signal, killAfterMs);
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}

/**
 * Waits until the server's outbox is empty (`leadflow_events_pending 0` in `/api/metrics`), as an
 * operator would see it; throws `WaitTimeout` with the last metrics after `timeoutMs`.
 */
export async function settled(url: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    'no pending event (leadflow_events_pending 0 in /api/metrics)',
    async () => (await fetch(`${url}/api/metrics`)).text(),
    { until: (metrics) => /^leadflow_events_pending 0$/m.test(metrics), timeoutMs },
  );
}

// Processes still running when this process exits die with it (a failed test, an interrupted
// benchmark). Under jest, `process` is a sandbox copy whose 'exit' never fires: the hook goes on
// the host's process object, which is what code run in this context's global scope sees.
const host = runInThisContext('process') as NodeJS.Process;
const live = new Set<ChildProcess>();
let fileDone = false;
const killLive = () => {
  for (const child of live) child.kill('SIGKILL');
};

// Under a test runner, a test file's leftovers die after its last test and hooks: a start that
// outlived a timed-out hook, say, whose process would otherwise keep the runner (and a port) busy
// until it exits, or forever. Jest loads this module once per test file, at the file's top.
const runner = globalThis as { afterAll?: (fn: () => void) => void };
try {
  runner.afterAll?.(() => {
    fileDone = true;
    killLive();
  });
} catch {
  // Loaded inside a test, where hooks cannot be added: the exit hook remains.
}

function track(child: ChildProcess): void {
  if (live.size === 0) host.on('exit', killLive);
  live.add(child);
  // Spawned after the file's last test (by a start that jest gave up on): too late to serve.
  if (fileDone) child.kill('SIGKILL');
}

function untrack(child: ChildProcess): void {
  live.delete(child);
  if (live.size === 0) host.off('exit', killLive);
}
