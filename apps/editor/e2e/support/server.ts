import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
// LEADFLOW_E2E_SERVER_MAIN lets the suite drive a server built elsewhere (a scratch build, say).
export const serverMain = process.env.LEADFLOW_E2E_SERVER_MAIN || join(repoRoot, 'apps/server/dist/main.js');
export const editorDir = join(repoRoot, 'apps/editor/dist');
export const editorIndex = join(editorDir, 'index.html');

/** Why the end-to-end suite cannot run here, or null when it can. */
export function missingPrerequisite(): string | null {
  if (!existsSync(serverMain))
    return `${serverMain} is missing: build the server (npm run build) to run the editor e2e`;
  if (!existsSync(editorIndex))
    return `${editorIndex} is missing: run \`npm run build -w @leadflow/editor\` first`;
  if (!existsSync('/usr/bin/chromium')) return '/usr/bin/chromium is missing (apt-get install -y chromium)';
  return null;
}

/** The server exited cleanly without ever serving: a build without an HTTP server yet. */
export class ServerNotServing extends Error {}

export interface RunningServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/** Starts `node apps/server/dist/main.js` on a free port with an empty SQLite database of its own. */
export async function startServer(timeoutMs = 30_000): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'leadflow-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dataDir, 'db.sqlite')}`,
      LEADFLOW_DEMO: '0',
      REDIS_URL: '',
      LEADFLOW_EDITOR_DIR: editorDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let stopping = false;
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code, signal) => {
      exitCode = code;
      // A server that dies under the test explains the failures that follow: say how and why.
      if (!stopping)
        console.warn(`[editor e2e] the server exited (code ${code}, signal ${signal}):\n${log.slice(-4000)}`);
      done(code);
    }),
  );

  const stop = async () => {
    stopping = true;
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      await stop();
      if (exitCode === 0) throw new ServerNotServing(`${serverMain} exited at once without serving HTTP`);
      throw new Error(`the server exited with code ${exitCode}:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, output: () => log, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  await stop();
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${log}`);
}
