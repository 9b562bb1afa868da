/**
 * Who may write. On a loopback address only this machine can reach the server, and no token is
 * needed. On any other address the server refuses to start without CARESHIFT_TOKEN, and then
 * every request that is not a read (GET, HEAD, OPTIONS) must carry it as a bearer token:
 * saving studies and runs, and the runs and checks that spend the server's time.
 */
import type { MiddlewareHandler } from "hono";
import { problemResponse } from "./limits.ts";

/** Shortest token accepted (a token is a shared secret, not a password to remember). */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "::ffff:127.0.0.1";
}

/** Why the server must not start on `host` with `token`, or null when it may. */
export function accessRefusal(host: string, token: string | null): string | null {
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    return `CARESHIFT_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 24).`;
  }
  if (!isLoopback(host) && token === null) {
    return `HOST ${host} is not a loopback address: set CARESHIFT_TOKEN (at least ${MIN_TOKEN_LENGTH} characters) so that only those who have it can save or run studies, or listen on 127.0.0.1.`;
  }
  return null;
}

/** Compares in time that depends only on the lengths, not on where the texts differ. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Middleware: every request but a read needs `Authorization: Bearer <token>`. */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (READS.has(c.req.method)) return await next();
    const given = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    if (!sameSecret(given, token)) {
      return problemResponse(401, [{
        at: "(request)",
        message: given
          ? "the access token is not this server's"
          : "this server needs its access token",
        expected: "an Authorization: Bearer header with the server's CARESHIFT_TOKEN",
      }], { "www-authenticate": 'Bearer realm="careshift"' });
    }
    await next();
  };
}
