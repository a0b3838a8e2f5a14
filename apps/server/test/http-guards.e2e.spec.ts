import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiErrorSchema } from '@leadflow/api';
import { loadConfig } from '../src/config';
import { startTestServer, type TestServer } from './harness';
import { requestWith, sendBytes, type RawAnswer } from './raw-request';

// docs/security.md: the host allow-list (421), X-Content-Type-Options on
// every response, the editor's Content-Security-Policy, CORS only for CORS_ORIGINS. None of it
// touches the database, so SQLite alone.

const LISTED_ORIGIN = 'https://app.example.com';

/** A stand-in for the built editor: the server's serving is under test here, the real build in the editor's e2e. */
function fakeEditor(dir: string): string {
  const editor = join(dir, 'editor');
  mkdirSync(join(editor, 'assets'), { recursive: true });
  writeFileSync(
    join(editor, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(editor, 'assets/index.js'), 'console.log("editor");');
  return editor;
}

/** A Content-Security-Policy header as directive → sources. */
function directives(policy: string | string[] | undefined): Map<string, string[]> {
  expect(typeof policy).toBe('string');
  return new Map(
    (policy as string)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The refusal of a host, checked against api.md's shape. */
function expectHostRefusal(answer: RawAnswer, host: string): void {
  expect({ host, status: answer.status }).toEqual({ host, status: 421 });
  expect(apiErrorSchema.safeParse(answer.json).success).toBe(true);
  expect(answer.json).toMatchObject({
    statusCode: 421,
    error: 'Misdirected Request',
    code: 'host_not_allowed',
  });
  expect(answer.json.message).toContain('ALLOWED_HOSTS');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(answer.headers['access-control-allow-origin']).toBeUndefined();
}

describe('hosts, security headers and CORS', () => {
  let t: TestServer;
  let port: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    requestWith(t.url, 'GET', path, headers);

  beforeAll(async () => {
    // HOST 127.0.0.2 (loopback, so the start logs no warning) shows that the HOST it listens on is allowed.
    const scratch = await startTestServer({ LEADFLOW_DEMO: '0' });
    const editorDir = fakeEditor(scratch.dir);
    await scratch.server.close();
    t = await startTestServer({
      DATABASE_URL: scratch.databaseUrl,
      HOST: '127.0.0.2',
      LEADFLOW_EDITOR_DIR: editorDir,
      PUBLIC_URL: 'https://Leadflow.Example.com/',
      ALLOWED_HOSTS: 'lb.internal, 10.0.0.5:8080,',
      CORS_ORIGINS: `${LISTED_ORIGIN}, http://localhost:5173`,
    });
    port = new URL(t.url).port;
  });

  afterAll(async () => {
    await t?.stop();
  });

  describe('the host allow-list', () => {
    it.each([
      'localhost',
      'LocalHost:3000',
      '127.0.0.1',
      '127.0.0.1:80',
      '[::1]',
      '[::1]:3000',
      '127.0.0.2', // HOST
      'leadflow.example.com', // PUBLIC_URL's host
      'LEADFLOW.example.com:443',
      'lb.internal', // ALLOWED_HOSTS
      'LB.Internal:3000',
      '10.0.0.5',
    ])('answers a request for %s', async (host) => {
      const answer = await get('/api/health', { host });
      expect({ host, status: answer.status }).toEqual({ host, status: 200 });
    });

    it('answers the Host it is reached at, port and all', async () => {
      expect((await get('/api/health')).status).toBe(200);
      expect((await get('/api/health', { host: `127.0.0.2:${port}` })).status).toBe(200);
    });

    it.each([
      'evil.example',
      'evil.example:3000',
      'localhost.evil.example',
      'evil-localhost',
      '127.0.0.3',
      '[::2]',
      '0.0.0.0',
      'leadflow.example.com.evil.example',
      'localhost@evil.example',
      'localhost/path',
    ])('refuses a request for %s with 421 in the error shape', async (host) => {
      expectHostRefusal(await get('/api/health', { host }), host);
    });

    it.each([
      ['GET', '/api/workflows'],
      ['GET', '/api/ready'],
      ['GET', '/api/nope'],
      ['GET', '/'],
      ['GET', '/workflows/abc'],
      ['GET', '/assets/index.js'],
      ['GET', '/api/docs'],
      ['GET', '/api/docs-json'],
      ['POST', '/api/leads'],
      ['DELETE', '/api/managers/x'],
      ['GET', '/api/leads/%FF'],
    ])('refuses %s %s for another host, API, editor files and docs alike', async (method, path) => {
      const answer = await requestWith(
        t.url,
        method,
        path,
        { host: 'rebound.example', 'content-type': 'application/json' },
        method === 'POST' ? '{"fields":{"name":"Ada"}}' : undefined,
      );
      expectHostRefusal(answer, `${method} ${path}`);
    });

    it('stores nothing a refused request sent', async () => {
      await requestWith(
        t.url,
        'POST',
        '/api/managers',
        { host: 'rebound.example', 'content-type': 'application/json' },
        '{"name":"Eve","email":"eve@example.com"}',
      );
      expect((await t.http.get('/api/managers').expect(200)).body).toEqual([]);
    });

    it('takes the host of an absolute-form request target over its Host header', async () => {
      const answer = await sendBytes(
        t.url,
        'GET http://evil.example/api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 421 /);
      expect(
        await sendBytes(
          t.url,
          'GET http://localhost/api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
        ),
      ).toMatch(/^HTTP\/1\.1 200 /);
    });

    it('answers an HTTP/1.0 request without Host, and refuses an HTTP/1.1 one with 400', async () => {
      expect(await sendBytes(t.url, 'GET /api/health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
      const missing = await sendBytes(t.url, 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n');
      const [head, body] = missing.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head).toMatch(/x-content-type-options: nosniff/i);
      expect(JSON.parse(body)).toMatchObject({
        statusCode: 400,
        code: 'invalid_request',
        issues: [{ path: '' }],
      });
    });

    it("refuses a listed origin's preflight sent to another host", async () => {
      const answer = await requestWith(t.url, 'OPTIONS', '/api/leads', {
        host: 'rebound.example',
        origin: LISTED_ORIGIN,
        'access-control-request-method': 'POST',
      });
      expectHostRefusal(answer, 'preflight');
    });
  });

  describe('security headers', () => {
    it.each([
      ['GET', '/api/health', 200],
      ['GET', '/api/workflows', 200],
      ['GET', '/api/leads/nope', 404],
      ['GET', '/api/nope', 404],
      ['GET', '/api/runs?status=done', 400],
      ['GET', '/api/leads/%FF', 400],
      ['POST', '/api/leads', 400],
      ['GET', '/', 200],
      ['GET', '/workflows/abc', 200],
      ['GET', '/assets/index.js', 200],
      ['GET', '/api/docs', 200],
      ['GET', '/api/docs-json', 200],
      ['OPTIONS', '/api/leads', 404],
    ])('%s %s answers %d with X-Content-Type-Options: nosniff', async (method, path, status) => {
      const answer = await requestWith(
        t.url,
        method,
        path,
        method === 'POST' ? { 'content-type': 'application/json' } : {},
        method === 'POST' ? '{"fields":{"dealValue":"a lot"}}' : undefined,
      );
      expect(answer.status).toBe(status);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      if (status >= 400) expect(apiErrorSchema.safeParse(answer.json).success).toBe(true);
    });

    it.each(['/', '/workflows/abc'])(
      "the editor's HTML at %s carries a CSP with no inline script that no page may frame",
      async (path) => {
        const answer = await get(path);
        expect(answer.headers['content-type']).toMatch(/^text\/html/);
        const policy = directives(answer.headers['content-security-policy']);
        // script-src when given, else default-src: the sources scripts may come from.
        const scripts = policy.get('script-src') ?? policy.get('default-src');
        expect(scripts).toBeDefined();
        expect(scripts).not.toContain("'unsafe-inline'");
        expect(scripts).not.toContain("'unsafe-eval'");
        expect(scripts).not.toContain('*');
        expect(policy.get('script-src-attr')).toEqual(["'none'"]);
        expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
        expect(policy.get('object-src')).toEqual(["'none'"]);
        expect(answer.headers['x-frame-options']).toBe('DENY');
      },
    );

    it('answers a request the HTTP parser refuses in the error shape, with nosniff', async () => {
      const garbage = await sendBytes(t.url, 'NOT HTTP AT ALL\r\n\r\n');
      const [head, body] = garbage.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 /);
      expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(JSON.parse(body)).toMatchObject({
        statusCode: 400,
        code: 'invalid_request',
        issues: [{ path: '' }],
      });

      const huge = await sendBytes(
        t.url,
        `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(huge.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(apiErrorSchema.safeParse(JSON.parse(huge.split('\r\n\r\n')[1])).success).toBe(true);
    });
  });

  describe('CORS', () => {
    it('sends Access-Control-Allow-Origin to a listed origin only', async () => {
      const listed = await get('/api/health', { origin: LISTED_ORIGIN });
      expect(listed.headers['access-control-allow-origin']).toBe(LISTED_ORIGIN);
      expect(listed.headers.vary).toMatch(/origin/i);
      expect(
        (await get('/api/health', { origin: 'http://localhost:5173' })).headers[
          'access-control-allow-origin'
        ],
      ).toBe('http://localhost:5173');
      for (const origin of [
        'https://evil.example',
        'https://app.example.com.evil.example',
        'http://app.example.com',
        'null',
      ]) {
        const other = await get('/api/health', { origin });
        expect({ origin, allow: other.headers['access-control-allow-origin'] }).toEqual({
          origin,
          allow: undefined,
        });
      }
      expect((await get('/api/health')).headers['access-control-allow-origin']).toBeUndefined();
    });

    it("answers a listed origin's preflight, and an unlisted one's without CORS headers", async () => {
      const preflight = (origin: string) =>
        requestWith(t.url, 'OPTIONS', '/api/leads/abc', {
          origin,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'content-type, authorization',
        });
      const listed = await preflight(LISTED_ORIGIN);
      expect(listed.status).toBe(204);
      expect(listed.headers['access-control-allow-origin']).toBe(LISTED_ORIGIN);
      expect(listed.headers['access-control-allow-methods']).toContain('PATCH');
      expect(listed.headers['access-control-allow-headers']).toContain('authorization');
      expect(listed.headers['x-content-type-options']).toBe('nosniff');

      const other = await preflight('https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers['access-control-allow-methods']).toBeUndefined();
      expect(other.status).toBe(404);
      expect(other.json).toMatchObject({ statusCode: 404, code: 'route_not_found' });
    });

    it('sends no CORS header to any origin when CORS_ORIGINS is not set', async () => {
      const plain = await startTestServer();
      try {
        const get = await requestWith(plain.url, 'GET', '/api/health', { origin: LISTED_ORIGIN });
        expect(get.status).toBe(200);
        expect(get.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await requestWith(plain.url, 'OPTIONS', '/api/leads', {
          origin: LISTED_ORIGIN,
          'access-control-request-method': 'POST',
        });
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        expect(preflight.headers['x-content-type-options']).toBe('nosniff');
        // The defaults answer loopback names only.
        expectHostRefusal(
          await requestWith(plain.url, 'GET', '/api/health', { host: 'leadflow.example.com' }),
          'default',
        );
      } finally {
        await plain.stop();
      }
    });
  });
});

describe('the environment for hosts and origins', () => {
  it('reads PUBLIC_URL, ALLOWED_HOSTS and CORS_ORIGINS, normalised as they are compared', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://Leadflow.Example.com:8443/',
      ALLOWED_HOSTS: ' LB.internal ,10.0.0.5:3000,::1,,',
      CORS_ORIGINS: 'https://App.Example.com:443, http://localhost:5173/',
    });
    expect(config.publicUrl).toBe('https://leadflow.example.com:8443/');
    expect(config.allowedHosts).toEqual(['lb.internal', '10.0.0.5', '[::1]']);
    expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadConfig({})).toMatchObject({ publicUrl: null, allowedHosts: [], corsOrigins: [] });
  });

  it.each([
    [{ PUBLIC_URL: 'leadflow.example.com' }, /^PUBLIC_URL must be .*"leadflow\.example\.com"/],
    [{ PUBLIC_URL: 'ftp://leadflow.example.com' }, /^PUBLIC_URL must be the http\(s\) URL/],
    [
      { ALLOWED_HOSTS: 'ok.example,*.example.com' },
      /^ALLOWED_HOSTS must list host names .*"\*\.example\.com" is not one/,
    ],
    [{ ALLOWED_HOSTS: 'https://lb.internal' }, /^ALLOWED_HOSTS .*"https:\/\/lb\.internal" is not one/],
    [{ ALLOWED_HOSTS: 'lb internal' }, /^ALLOWED_HOSTS .*"lb internal" is not one/],
    [{ CORS_ORIGINS: '*' }, /^CORS_ORIGINS must list origins .*"\*" is not one/],
    [{ CORS_ORIGINS: 'app.example.com' }, /^CORS_ORIGINS .*"app\.example\.com" is not one/],
    [
      { CORS_ORIGINS: 'https://app.example.com/path' },
      /^CORS_ORIGINS .*"https:\/\/app\.example\.com\/path" is not one/,
    ],
    [{ CORS_ORIGINS: 'https://user@app.example.com' }, /^CORS_ORIGINS .* is not one/],
  ])('refuses to start with %j, saying why', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
