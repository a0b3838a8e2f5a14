import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The `Content-Security-Policy` of every response, written out whole (no defaults merged in) so it
 * can be read here. The editor and Swagger UI load their scripts from this server only and run no
 * inline script; React Flow positions nodes with `style` attributes and Swagger UI has `<style>`
 * blocks, so styles may be inline (only scripts are restricted). No page may frame them.
 * `upgrade-insecure-requests` is left out: a server reached over plain HTTP (on a private network,
 * or on its own port behind the TLS proxy) would make the browser fetch its files over HTTPS.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  // X-Frame-Options for browsers without frame-ancestors, saying the same.
  xFrameOptions: { action: 'deny' },
  // HSTS for this host only: an operator serving Leadflow on a parent domain decides for the others.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
};

/**
 * The headers helmet sets, computed once by running its middleware on a stand-in response: they
 * depend only on OPTIONS, so each request then costs one assignment per header rather than helmet's
 * dozen middlewares (the bench's ratio fell from 0.55 to 0.50 with helmet per request).
 */
function helmetHeaders(options: HelmetOptions): Array<[string, string]> {
  const headers = new Map<string, string>();
  const stand = {
    setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
  };
  helmet(options)({} as IncomingMessage, stand as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

/**
 * What helmet (a kept library) sets with OPTIONS: `X-Content-Type-Options: nosniff`, the
 * `Content-Security-Policy` above, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`,
 * `Strict-Transport-Security` (browsers heed it over HTTPS only) and its other defaults.
 */
export const SECURITY_HEADERS: ReadonlyArray<[string, string]> = helmetHeaders(OPTIONS);

/** Sets SECURITY_HEADERS on every response (an `onRequest` hook on the root: no response goes without them). */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    setSecurityHeaders(req.raw, reply.raw);
    done();
  });
}

/**
 * The same headers on a raw response, for the answers Fastify gives before any hook runs (the
 * router's refusal of a path that cannot be %-decoded).
 */
export function setSecurityHeaders(_req: IncomingMessage, res: ServerResponse): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
}
