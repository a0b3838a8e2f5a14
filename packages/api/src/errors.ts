import { PROBLEM_CODES, type Problem } from '@leadflow/workflow';
import { z } from 'zod';

/**
 * What went wrong, as a word a client can switch on (the `code` of every error body); the
 * `statusCode`, `error` and `message` say the same for people. One list: add, never rename.
 */
export const ERROR_CODES = [
  /** 400: the body, a parameter or the query string is not valid; `issues` lists every problem. */
  'invalid_request',
  /** 400: the body is not JSON. */
  'invalid_json',
  /** 401: no credential, an unknown or revoked API key, an expired session, or (sign-in) a wrong email or password (access.md). */
  'unauthenticated',
  /** 403: the credential's role may not call this route, or a cookie-authenticated write came from another origin (access.md). */
  'forbidden',
  /** 404: no such route. */
  'route_not_found',
  /** 404: no such id (lead, manager, workflow, run, node). */
  'not_found',
  /** 409: it exists already, it is still in use, or a newer version was saved meanwhile. */
  'conflict',
  /** 413: the body is over 1 MiB. */
  'body_too_large',
  /** 415: the body is not sent as JSON. */
  'unsupported_media_type',
  /** 421: the request's `Host` header names a host this server does not answer for (docs/security.md). */
  'host_not_allowed',
  /** 422: a valid document that cannot be applied (activating an incomplete workflow). */
  'unprocessable',
  /** 429: too many requests; try again after `Retry-After` (seconds). */
  'rate_limited',
  /** 429: more than 10 failed sign-ins for one email within 15 minutes; refused, even with the right password, until `Retry-After`. */
  'too_many_attempts',
  /** 503: a write could not be stored for a reason outside the request; try again after `Retry-After`. */
  'unavailable',
  /** 500: a fault of the server (logged); never the answer to any input. */
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const errorCodeSchema = z.enum(ERROR_CODES);

/** The code an error of this HTTP status has unless a more precise one is given. */
export function errorCodeForStatus(statusCode: number): ErrorCode {
  switch (statusCode) {
    case 400:
      return 'invalid_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'body_too_large';
    case 415:
      return 'unsupported_media_type';
    case 421:
      return 'host_not_allowed';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return statusCode >= 500 ? 'internal_error' : 'invalid_request';
  }
}

/** What kind of problem an issue is (`PROBLEM_CODES` of @leadflow/workflow): `required`, `unknown_node_type`, … */
export const problemCodeSchema = z.enum(PROBLEM_CODES);

/**
 * One problem of a refused request, the format package's `Problem`: its kind (`code`), where
 * (`fields.dealValue`, `nodes[2].data`; `""` for the whole body) and what, in words.
 */
export const issueSchema = z.object({
  code: problemCodeSchema,
  path: z.string(),
  message: z.string(),
  /** The workflow node the problem is about, when there is one. */
  nodeId: z.string().optional(),
}) satisfies z.ZodType<Problem>;
/** One problem of a refused request or of a workflow: the format package's `Problem`. */
export type Issue = Problem;

/**
 * The one shape of every refused request (api.md, Errors): `issues` on every validation error,
 * one entry per problem.
 */
export const apiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    /** The HTTP reason phrase: `Bad Request`, `Not Found`, … */
    error: z.string(),
    message: z.string(),
    code: errorCodeSchema.optional(),
    issues: z.array(issueSchema).optional(),
    /** How many more problems there were than the answer lists (it stays under 16 KiB). */
    moreIssues: z.number().int().optional(),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
