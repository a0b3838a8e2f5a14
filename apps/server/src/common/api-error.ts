import { STATUS_CODES } from 'node:http';
import {
  clipText,
  formatPath,
  quoteList,
  zodIssueCode,
  type Problem,
  type ProblemCode,
} from '@leadflow/workflow';
import { errorCodeForStatus, type ErrorCode } from '@leadflow/api';
import type { z } from 'zod';

/**
 * A problem as the server words it for an `ApiError`: the format package's `Problem`, whose `code`
 * may be left out where no finer one applies (the body then says `DEFAULT_PROBLEM_CODE`).
 */
export type Issue = Omit<Problem, 'code'> & { code?: ProblemCode };

/** The code of an issue given without one: a value the request may not hold. */
export const DEFAULT_PROBLEM_CODE: ProblemCode = 'invalid_value';
export { recordWithoutPrototypeKeys } from '@leadflow/api';

/** The reason phrase of each status the API answers with (RFC 9110), as its error bodies' `error`. */
export const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error answer stays under 16 KiB (api.md): this many bytes of JSON at most. */
export const MAX_ERROR_BYTES = 15 * 1024;
// Characters of a message and of a path an answer shows; a value a message quotes is cut shorter
// where the message is written (`previewValue`).
const MESSAGE_CHARS = 1000;
const PATH_CHARS = 1024;
// `,"issues":[]` and `,"moreIssues":123456789`.
const ISSUES_OVERHEAD = 40;

/**
 * A refusal in the API's one error shape (`apiErrorSchema` of @leadflow/api): a status, a sentence,
 * the problems with their paths, and a `code` from `ERROR_CODES` (by default the status's).
 */
export class ApiError extends Error {
  /** The problems, each with its code (`DEFAULT_PROBLEM_CODE` where it was given none). */
  readonly issues?: Problem[];

  constructor(
    readonly statusCode: number,
    message: string,
    issues?: Issue[],
    /** Seconds to wait before retrying, sent as `Retry-After` (503s). */
    readonly retryAfter?: number,
    readonly code: ErrorCode = errorCodeForStatus(statusCode),
  ) {
    super(message);
    this.issues = issues?.map((issue) => ({ ...issue, code: issue.code ?? DEFAULT_PROBLEM_CODE }));
  }

  get error(): string {
    return REASONS[this.statusCode] ?? STATUS_CODES[this.statusCode] ?? 'Error';
  }

  /**
   * The answer's body, under `MAX_ERROR_BYTES` whatever the request held: the message and each
   * issue's path and message are cut (ending in `…`), and issues past the room left are counted in
   * `moreIssues` instead of listed.
   */
  toJSON(): {
    statusCode: number;
    error: string;
    message: string;
    issues?: Problem[];
    moreIssues?: number;
    code: ErrorCode;
  } {
    return { ...this.clippedBody(), code: this.code };
  }

  private clippedBody(): {
    statusCode: number;
    error: string;
    message: string;
    issues?: Problem[];
    moreIssues?: number;
  } {
    const head = {
      statusCode: this.statusCode,
      error: this.error,
      message: clipText(this.message, MESSAGE_CHARS),
    };
    if (!this.issues) return head;
    const issues: Problem[] = [];
    let bytes = Buffer.byteLength(JSON.stringify(head)) + ISSUES_OVERHEAD;
    for (const issue of this.issues) {
      const clipped: Problem = {
        ...issue,
        path: clipText(issue.path, PATH_CHARS),
        message: clipText(issue.message, MESSAGE_CHARS),
      };
      if (clipped.nodeId !== undefined) clipped.nodeId = clipText(clipped.nodeId, PATH_CHARS);
      const size = Buffer.byteLength(JSON.stringify(clipped)) + 1;
      if (bytes + size > MAX_ERROR_BYTES) break;
      bytes += size;
      issues.push(clipped);
    }
    const more = this.issues.length - issues.length;
    return more > 0 ? { ...head, issues, moreIssues: more } : { ...head, issues };
  }

  static invalid(issues: Issue[], message = summarize(issues)): ApiError {
    return new ApiError(400, message, issues);
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(404, `${what} "${id}" does not exist`);
  }

  static conflict(message: string, issues?: Issue[]): ApiError {
    return new ApiError(409, message, issues);
  }

  /** A write that cannot be stored for a reason outside the request (a full disk, a lost database). */
  static unavailable(message: string, retryAfter: number): ApiError {
    return new ApiError(503, message, undefined, retryAfter, 'unavailable');
  }

  static unprocessable(message: string, issues: Issue[]): ApiError {
    return new ApiError(422, message, issues);
  }
}

function summarize(issues: Issue[]): string {
  if (issues.length === 0) return 'The request is not valid';
  const first = issues[0];
  const where = first.path ? `${first.path}: ` : '';
  return issues.length === 1
    ? `${where}${first.message}`
    : `${where}${first.message} (and ${issues.length - 1} more problems)`;
}

/** Parses with a zod schema or throws a 400 listing every problem with its path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw ApiError.invalid(
    result.error.issues.map((issue) => ({
      code: zodIssueCode(issue, body),
      path: formatPath(issue.path, prefix, 'dotted'),
      message:
        issue.code === 'unrecognized_keys' ? `unknown property ${quoteList(issue.keys)}` : issue.message,
    })),
  );
}
