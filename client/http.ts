/**
 * Writes to the workbench API (POST, PATCH, DELETE with JSON). A server on a shared address
 * asks for its access token (401): the user is asked for it once, and it is kept for this
 * browser tab.
 */
const TOKEN_KEY = "careshift-token";

function send(method: string, url: string, body: string | null): Promise<Response> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return fetch(url, {
    method,
    headers: {
      ...(body === null ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
}

/** Sends a write; on 401 asks for the server's token once and tries again. */
export async function sendJson(method: string, url: string, body?: unknown): Promise<Response> {
  const text = body === undefined ? null : JSON.stringify(body);
  let res = await send(method, url, text);
  if (res.status === 401) {
    const token = prompt("This server needs its access token (CARESHIFT_TOKEN):");
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token.trim());
      res = await send(method, url, text);
    }
  }
  return res;
}

export function postJson(url: string, body: unknown): Promise<Response> {
  return sendJson("POST", url, body);
}
