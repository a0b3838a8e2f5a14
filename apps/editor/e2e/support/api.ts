/**
 * A client of the real server's API for a test's set-up and checks: `api('POST', '/managers', body)`
 * answers the parsed JSON (undefined for a 204) and throws on any other status than 2xx, naming the
 * request and the answer. `url` is asked at each call, as the server starts in `beforeAll`.
 */
export function apiAt(url: () => string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url()}/api${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}
