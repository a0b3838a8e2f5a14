import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { PROBLEM_CODES } from '@leadflow/workflow';

/** Sends raw bytes or text as a JSON body: no client-side serialisation stands between the test and the server. */
export async function sendRaw(url: string, method: string, path: string, body?: string | Uint8Array) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the assertions on the shape report it.
  }
  return { status: res.status, bytes: Buffer.byteLength(text), json };
}

/** One issue of a refusal as the tests read it. */
export interface IssueShape {
  code: unknown;
  path: unknown;
  message: unknown;
}

/**
 * The issues of a refusal's body, after checking there is at least one and that each is exactly
 * `{code, path, message}`: strings, the code one of `PROBLEM_CODES`.
 */
export function expectIssues(json: Record<string, unknown>): IssueShape[] {
  const issues = json.issues as IssueShape[];
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue).toEqual({
      code: expect.any(String),
      path: expect.any(String),
      message: expect.any(String),
    });
    expect(PROBLEM_CODES).toContain(issue.code);
  }
  return issues;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed, or `{}` when it is not JSON. */
  json: Record<string, unknown>;
}

/**
 * One request by `node:http` with exactly the headers given (fetch would not send a `Host` of the
 * test's choosing); without a `host` header, node sends the URL's.
 */
export function requestWith(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text);
        } catch {
          // Not JSON: the assertions on the shape report it.
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes written to the server's socket as they are (a request no client would send); resolves with what came back. */
export function sendBytes(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    // The server may close with a reset right after its answer: what arrived is the answer.
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}
