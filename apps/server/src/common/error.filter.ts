import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from './api-error';
import { logger } from './logger';

/** Every refusal leaves in the same shape: `{statusCode, error, message, issues?}`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    sendError(res, exception);
  }
}

export function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const message = status === 404 ? 'No such route' : exception.message;
    return new ApiError(status, message);
  }
  const e = exception as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return new ApiError(413, 'The body is larger than 1 MiB');
  if (e?.type === 'entity.parse.failed') {
    return ApiError.invalid([{ path: '', message: `the body is not valid JSON (${e.message})` }], 'The body is not valid JSON');
  }
  if (e?.status && e.status >= 400 && e.status < 500) return new ApiError(e.status, e.message ?? 'Bad request');
  logger.error({ err: exception }, 'unhandled error');
  return new ApiError(500, 'Something went wrong on our side; the error is logged');
}

export function sendError(res: Response, exception: unknown): void {
  const error = toApiError(exception);
  if (res.headersSent) return;
  res.status(error.statusCode).json(error.toJSON());
}
