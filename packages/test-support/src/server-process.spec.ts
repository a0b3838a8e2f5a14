import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerExited, ServerProcess, TempSqliteServerProcess } from './server-process';

// Small HTTP servers standing in for the built server: what the helper does with a process does
// not depend on what the process serves.
let dir: string;
const script = (name: string, source: string) => {
  writeFileSync(join(dir, name), source);
  return join(dir, name);
};
const SERVES = `
  require('node:http')
    .createServer((req, res) => res.end(req.url === '/api/health' ? JSON.stringify(process.env) : ''))
    .listen(Number(process.env.PORT), process.env.HOST);
  console.log('listening on', process.env.PORT);
`;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'leadflow-test-support-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ServerProcess', () => {
  it('starts a server with PORT, HOST and the env, keeps its output, and stops it with SIGTERM', async () => {
    const server = new ServerProcess({ script: script('serves.js', SERVES), env: { EXTRA: 'yes' } });
    await server.start();
    const env = await (await fetch(`${server.url}/api/health`)).json();
    expect(env).toMatchObject({ PORT: String(server.port), HOST: '127.0.0.1', EXTRA: 'yes' });
    expect(await server.stop()).toBeNull(); // node's default on SIGTERM: ended by the signal
    expect(server.child!.signalCode).toBe('SIGTERM');
    expect(server.output).toContain(`listening on ${server.port}`);
    // Started again, on the same port, the output goes on.
    const port = server.port;
    await server.start();
    expect(server.port).toBe(port);
    expect(await server.stop('SIGKILL')).toBeNull();
    expect(server.output.match(/listening on/g)).toHaveLength(2);
  });

  it('sends SIGKILL when the process outlives its signal by killAfterMs', async () => {
    const stubborn = script('stubborn.js', `process.on('SIGTERM', () => {});${SERVES}`);
    const server = new ServerProcess({ script: stubborn, killAfterMs: 200 });
    await server.start();
    const stopping = server.stop();
    expect(server.stop()).toBe(stopping); // one stop, however many callers
    expect(await stopping).toBeNull();
    expect(server.child!.signalCode).toBe('SIGKILL');
  });

  it('says so when the process exits before it serves, with its code and output', async () => {
    const server = new ServerProcess({
      script: script('exits.js', `console.error('no database'); process.exit(3);`),
    });
    const start = server.start();
    await expect(start).rejects.toThrow(ServerExited);
    await expect(start).rejects.toMatchObject({ code: 3 });
    await expect(start).rejects.toThrow(
      /exited \(code 3, signal null\) before answering \/api\/health:\nno database/,
    );
  });

  it('kills a process that does not serve within the deadline, and says so', async () => {
    const server = new ServerProcess({
      script: script('silent.js', `setInterval(() => {}, 1000);`),
      name: 'silent',
    });
    await expect(server.start(300)).rejects.toThrow('silent did not answer /api/health within 300 ms');
    expect(server.child!.signalCode).toBe('SIGKILL');
  });

  it('tells an unexpected exit from a stop', async () => {
    const exits: Array<number | null> = [];
    const server = new ServerProcess({
      script: script('exits-on-usr2.js', `process.on('SIGUSR2', () => process.exit(4));${SERVES}`),
      onUnexpectedExit: (code) => exits.push(code),
    });
    await server.start();
    server.child!.kill('SIGUSR2');
    expect(await server.exited()).toBe(4);
    expect(exits).toEqual([4]);
    await server.start();
    await server.stop('SIGKILL');
    expect(exits).toEqual([4]);
  });
});

describe('TempSqliteServerProcess', () => {
  it('points DATABASE_URL into a new folder, which stop() removes', async () => {
    const server = new TempSqliteServerProcess({
      script: script('serves.js', SERVES),
      tempPrefix: 'leadflow-ts-',
    });
    await server.start();
    const env = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, string>;
    expect(env.DATABASE_URL).toBe(`sqlite:${join(server.dataDir, 'db.sqlite')}`);
    expect(existsSync(server.dataDir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
  });
});
