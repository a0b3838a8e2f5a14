import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../common/api-error';
import { unavailableError } from '../database/unavailable';
import { logger } from '../common/logger';

/** Every refusal leaves in the same shape: `{statusCode, error, message, issues?, code}`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toApiError(exception);
    if (reply.sent) return;
    if (error.retryAfter !== undefined) void reply.header('Retry-After', String(error.retryAfter));
    void reply.status(error.statusCode).send(error.toJSON());
  }
}

/** Fastify's own refusals (body parsing) by their codes. */
const FASTIFY_ERRORS: Record<string, (e: Error) => ApiError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new ApiError(413, 'The body is larger than 1 MiB'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new ApiError(415, 'Send the body as JSON (Content-Type: application/json)'),
  FST_ERR_CTP_INVALID_JSON_BODY: (e) =>
    new ApiError(
      400,
      'The body is not valid JSON',
      [{ code: 'invalid_json', path: '', message: `the body is not valid JSON (${e.message})` }],
      undefined,
      'invalid_json',
    ),
  // The router could not %-decode the path (`%FF` is no UTF-8).
  FST_ERR_BAD_URL: () =>
    ApiError.invalid(
      [{ code: 'invalid_encoding', path: '', message: 'the URL path holds a %-escape that is not UTF-8' }],
      'The URL is not valid',
    ),
};

export function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new ApiError(404, 'No such route', undefined, undefined, 'route_not_found');
    // Nest's body parser refuses malformed JSON this way: still a validation error with its issue.
    if (status === 400)
      return ApiError.invalid([{ path: '', message: exception.message }], exception.message);
    return new ApiError(status, exception.message);
  }
  const e = exception as Error & { code?: string; statusCode?: number };
  const known = e?.code ? FASTIFY_ERRORS[e.code] : undefined;
  if (known) return known(e);
  if (e instanceof SyntaxError) return FASTIFY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY(e);
  // A unique key refused a write that raced another process's (the cached check passed in both).
  const driverCode = String((e as { driverError?: { code?: string } })?.driverError?.code ?? '');
  if (driverCode === '23505' || /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(driverCode)) {
    return ApiError.conflict('It exists already (a concurrent request stored it first)');
  }
  // A full disk, a lost or busy database: 503 with Retry-After, naming the cause.
  const unavailable = unavailableError(exception);
  if (unavailable) {
    logger.warn({ err: exception }, unavailable.message);
    return unavailable;
  }
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    // A 400 is a validation error: it names its problem in `issues` as every other one does.
    const message = e.message || 'Bad request';
    return e.statusCode === 400
      ? ApiError.invalid([{ path: '', message }], message)
      : new ApiError(e.statusCode, message);
  }
  logger.error({ err: exception }, 'unhandled error');
  return new ApiError(500, 'Something went wrong on our side; the error is logged');
}
