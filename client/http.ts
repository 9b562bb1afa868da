/**
 * POSTs JSON to the workbench API. A server on a shared address asks for its access token
 * (401): the user is asked for it once, and it is kept for this browser tab.
 */
const TOKEN_KEY = "careshift-token";

function send(url: string, body: string): Promise<Response> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
}

export async function postJson(url: string, body: unknown): Promise<Response> {
  const text = JSON.stringify(body);
  let res = await send(url, text);
  if (res.status === 401) {
    const token = prompt("This server needs its access token (CARESHIFT_TOKEN):");
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token.trim());
      res = await send(url, text);
    }
  }
  return res;
}
