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
