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
