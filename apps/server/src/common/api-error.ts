import type { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
  nodeId?: string;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A refusal in the API's one error shape: a status, a sentence, and the problems with their paths. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: Issue[],
    /** Seconds to wait before retrying, sent as `Retry-After` (503s). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  get error(): string {
    return REASONS[this.statusCode] ?? 'Error';
  }

  toJSON() {
    return {
      statusCode: this.statusCode,
      error: this.error,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
    };
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
    return new ApiError(503, message, undefined, retryAfter);
  }

  static unprocessable(message: string, issues: Issue[]): ApiError {
    return new ApiError(422, message, issues);
  }
}

function summarize(issues: Issue[]): string {
  if (issues.length === 0) return 'The request is not valid';
  const first = issues[0];
  const where = first.path ? `${first.path}: ` : '';
  return issues.length === 1 ? `${where}${first.message}` : `${where}${first.message} (and ${issues.length - 1} more problems)`;
}

/** `["nodes", 2, "data"]` → `nodes[2].data` */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** Parses with a zod schema or throws a 400 listing every problem with its path. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw ApiError.invalid(
    result.error.issues.map((issue) => ({
      path: formatPath(issue.path, prefix),
      message: issue.code === 'unrecognized_keys' ? `unknown property ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message,
    })),
  );
}
