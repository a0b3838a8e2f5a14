import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ServerExited, TempSqliteServerProcess } from '@leadflow/test-support';

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

/**
 * Starts `node apps/server/dist/main.js` on a free port with an empty SQLite database of its own,
 * serving the built editor, and waits until it answers; `stop()` ends it (SIGTERM, SIGKILL after
 * 5 s) and removes the database. Throws `ServerNotServing` when it exits with 0 instead.
 */
export async function startServer(): Promise<TempSqliteServerProcess> {
  const server = new TempSqliteServerProcess({
    script: serverMain,
    cwd: repoRoot,
    tempPrefix: 'leadflow-e2e-',
    env: { LEADFLOW_DEMO: '0', REDIS_URL: '', LEADFLOW_EDITOR_DIR: editorDir },
    killAfterMs: 5000,
    // A server that dies under the test explains the failures that follow: say how and why.
    onUnexpectedExit: (code, signal, output) =>
      console.warn(
        `[editor e2e] the server exited (code ${code}, signal ${signal}):\n${output.slice(-4000)}`,
      ),
  });
  try {
    await server.start();
  } catch (error) {
    if (error instanceof ServerExited && error.code === 0)
      throw new ServerNotServing(`${serverMain} exited at once without serving HTTP`);
    throw error;
  }
  return server;
}
