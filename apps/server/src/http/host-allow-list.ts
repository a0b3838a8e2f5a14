import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { normalizeHost, type Config } from '../config';

/** The hosts every server answers for, whatever the environment says. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

// A Host header as browsers send it: a name or an IPv4 address, or an IPv6 address in brackets,
// then an optional port. Anything else (a path, a user, a wildcard) names no host we answer for.
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d*)?$/;

/**
 * The host names this server answers for (docs/security.md): `localhost`,
 * `127.0.0.1`, `[::1]`, the `HOST` it listens on, the host of `PUBLIC_URL` and the `ALLOWED_HOSTS`.
 * A request naming any other host in its `Host` header is refused with 421 before any route sees it,
 * so a page on another site whose name was rebound to this server's address (DNS rebinding) reaches
 * nothing.
 */
export class HostAllowList {
  readonly hosts: ReadonlySet<string>;

  constructor(config: Pick<Config, 'host' | 'publicUrl' | 'allowedHosts'>) {
    const hosts = new Set(LOOPBACK);
    const listening = normalizeHost(config.host);
    if (listening) hosts.add(listening);
    if (config.publicUrl) hosts.add(new URL(config.publicUrl).hostname);
    for (const host of config.allowedHosts) hosts.add(host);
    this.hosts = hosts;
  }

  /**
   * Whether a request with this `Host` header may be answered: its host (the port aside, case-blind)
   * is on the list. A request without a `Host` header (HTTP/1.0) names no other host and passes;
   * browsers always send one.
   */
  allows(hostHeader: string | undefined): boolean {
    if (hostHeader === undefined) return true;
    const match = HOST_HEADER.exec(hostHeader.toLowerCase());
    return match !== null && this.hosts.has(match[1]);
  }

  /** The 421 answer for a request whose `Host` is not on the list, in the API's error shape. */
  refusal(hostHeader: string): ApiError {
    return new ApiError(
      421,
      `This server does not answer for the host "${hostHeader}": add it to ALLOWED_HOSTS (or set PUBLIC_URL) if it is this server's name`,
      undefined,
      undefined,
      'host_not_allowed',
    );
  }

  /**
   * Answers 421 when the request's `Host` is not on the list, and 400 when an HTTP/1.1 request has
   * none (RFC 9112 asks for that; Node's own refusal of it has no body or headers, so the server
   * leaves it to this check); true when it answered.
   */
  refuse(req: FastifyRequest, reply: FastifyReply): boolean {
    const host = requestedHost(req);
    if (host === undefined && req.raw.httpVersion !== '1.0') {
      const message = 'An HTTP/1.1 request must name its host in a Host header';
      void reply.status(400).send(ApiError.invalid([{ path: '', message }], message).toJSON());
      return true;
    }
    if (host === undefined || this.allows(host)) return false;
    void reply.status(421).send(this.refusal(host).toJSON());
    return true;
  }
}

/**
 * The host a request names: the authority of an absolute-form target (`GET http://name/path`), which
 * HTTP says wins over the `Host` header, else the `Host` header.
 */
function requestedHost(req: FastifyRequest): string | undefined {
  const target = req.raw.url ?? '/';
  if (target.startsWith('/') || target === '*') return req.headers.host;
  try {
    return new URL(target).host;
  } catch {
    return target;
  }
}

/**
 * Checks every request's `Host` first thing (an `onRequest` hook on the root, so API routes, editor
 * files, the API docs and unknown paths alike), after the security headers are set, so a 421 carries
 * them too.
 */
export function guardHosts(fastify: FastifyInstance, allowList: HostAllowList): void {
  fastify.addHook('onRequest', async (req, reply) => {
    if (allowList.refuse(req, reply)) return reply;
  });
}
