import { jsonShapeProblems, jsonTextDepthProblem } from '@leadflow/workflow';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON request body, refusing with a 400 and its issues what no route should see: bytes
 * that are not UTF-8, text that is not JSON, a document nested deeper than 256 levels, and keys
 * `__proto__`, `constructor` or `prototype` anywhere (each with its path, e.g. `fields.__proto__`),
 * which a parsed object would otherwise drop or misread silently. An empty body counts as no body,
 * so `POST …/activate` with a JSON content type and nothing to send is accepted (as clients such
 * as fetch with default headers do). Neither the parse nor the check recurses, so no body,
 * however deep, can overflow the stack.
 */
export function parseJsonBody(
  _req: FastifyRequest,
  raw: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return done(
      ApiError.invalid(
        [{ code: 'invalid_encoding', path: '', message: 'the body is not valid UTF-8' }],
        'The body is not valid UTF-8',
      ),
    );
  }
  if (text.trim() === '') return done(null, undefined);
  // Depth first, on the text: a deep body is refused without building it.
  const tooDeep = jsonTextDepthProblem(text);
  if (tooDeep) return done(ApiError.invalid([tooDeep]));
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return done(Object.assign(error as Error, { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }));
  }
  const problems = jsonShapeProblems(document);
  if (problems.length > 0) return done(ApiError.invalid(problems));
  done(null, document);
}
