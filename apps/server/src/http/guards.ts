import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import type { Config } from '../config';
import { registerCors } from './cors';
import { toApiError } from './error.filter';
import { guardHosts, HostAllowList } from './host-allow-list';
import { registerSecurityHeaders, setSecurityHeaders } from './security-headers';

/**
 * What every request meets before any route (docs/security.md), in this
 * order: the security headers, the host allow-list (so a 421 carries the headers), then CORS (so a
 * preflight from a rebound name is refused too). Built once per server from its config.
 */
export class HttpGuards {
  readonly hosts: HostAllowList;

  constructor(private readonly config: Pick<Config, 'host' | 'publicUrl' | 'allowedHosts' | 'corsOrigins'>) {
    this.hosts = new HostAllowList(config);
  }

  /** Adds the guards to the root instance; call before any route is added. */
  async register(fastify: FastifyInstance): Promise<void> {
    registerSecurityHeaders(fastify);
    guardHosts(fastify, this.hosts);
    await registerCors(fastify, this.config.corsOrigins);
  }

  /**
   * Fastify's `frameworkErrors`: the router's own refusals (a path that is not UTF-8 once
   * %-decoded), which come before any hook, still get the headers, the host check and the API's
   * error shape.
   */
  readonly frameworkError = (error: Error, req: FastifyRequest, reply: FastifyReply): void => {
    setSecurityHeaders(req.raw, reply.raw);
    if (this.hosts.refuse(req, reply)) return;
    const refusal = toApiError(error);
    void reply.status(refusal.statusCode).send(refusal.toJSON());
  };
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (malformed, headers over the
 * size limit, too slow) gets its 400, 431 or 408 in the API's error shape with `nosniff`, then the
 * connection is closed, as Fastify's own handler does.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message]: [number, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are larger than the server accepts']
        : [400, 'The request is not valid HTTP'];
  // A 400 is a validation error: it carries its issue, as every other one does.
  const refusal =
    status === 400 ? ApiError.invalid([{ path: '', message }], message) : new ApiError(status, message);
  const body = JSON.stringify(refusal.toJSON());
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `X-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
