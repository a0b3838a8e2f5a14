import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
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
 * Sets the security headers on every response with `@fastify/helmet` (an `onRequest` hook on the
 * root): `X-Content-Type-Options: nosniff` (no response goes without it), the
 * `Content-Security-Policy` above, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`,
 * `Strict-Transport-Security` (browsers heed it over HTTPS only) and helmet's other defaults.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyHelmet, { ...OPTIONS, global: true });
}

const setHeaders = helmet(OPTIONS);

/**
 * The same headers on a raw response, for the answers Fastify gives before any hook runs (the
 * router's refusal of a path that cannot be %-decoded).
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  setHeaders(req, res, (error?: unknown) => {
    if (error) throw error;
  });
}
