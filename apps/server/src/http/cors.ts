import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * Cross-origin access with `@fastify/cors`, for the origins of `CORS_ORIGINS` only (docs/security.md): a
 * request from a listed origin gets `Access-Control-Allow-Origin` with that origin, and its
 * preflight (`OPTIONS` with `Access-Control-Request-Method`) `204` with the methods and the headers
 * it asked for. Any other origin, and every origin when the list is empty (the default), gets no
 * CORS header at all, and an `OPTIONS` request is then answered as an unknown route. No credentials
 * mode: a page of another origin sends an API key in `Authorization`, never this server's cookie.
 */
export async function registerCors(fastify: FastifyInstance, origins: readonly string[]): Promise<void> {
  // Nothing listed, nothing to answer: no hook on the hot path.
  if (origins.length === 0) return;
  const listed = new Set(origins);
  await fastify.register(fastifyCors, {
    // The plugin compares strings exactly; the origins are normalised as browsers send them (config.ts).
    origin: (origin, done) => done(null, origin !== undefined && listed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['Retry-After'],
    // A listed origin's OPTIONS without Access-Control-Request-Method gets the preflight answer
    // rather than the plugin's plain-text 400, which is not the API's error shape.
    strictPreflight: false,
    maxAge: 600,
  });
}
