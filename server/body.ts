/**
 * Request bodies: a size limit (hono/body-limit) and a read deadline, as middleware, and the
 * JSON object a handler reads. A body that is too large gets 413, one that does not arrive in
 * time 408, one that is not a JSON object 400 — each with the problem list of the API.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { problemResponse } from "./limits.ts";

class BodyTimeout extends Error {
  constructor(readonly ms: number) {
    super(`the request body did not arrive within ${ms / 1000} s`);
  }
}

function tooLarge(maxBytes: number): Response {
  return problemResponse(413, [{
    at: "(request)",
    message: "the request body is too large",
    expected: `at most ${maxBytes} bytes`,
  }]);
}

function timedOut(error: BodyTimeout): Response {
  return problemResponse(408, [{
    at: "(request)",
    message: error.message,
    expected: `the whole body within ${error.ms / 1000} s`,
  }], { connection: "close" });
}

/**
 * Middleware for every request with a body: it has `ms` to arrive from the moment the request
 * is seen and may hold at most `maxBytes` (by Content-Length, or as a chunked body arrives).
 */
export function limitBody(maxBytes: number, ms: number): MiddlewareHandler {
  const size = bodyLimit({ maxSize: maxBytes, onError: () => tooLarge(maxBytes) });
  const time = limitBodyTime(ms);
  return (c, next) =>
    time(c, async () => {
      try {
        const refused = await size(c, next);
        if (refused instanceof Response) c.res = refused;
      } catch (error) {
        if (!(error instanceof BodyTimeout)) throw error;
        c.res = timedOut(error);
      }
    });
}

/**
 * Gives the body `ms` to arrive from the moment the request is seen: after that, reading it
 * fails (and the connection's stream is cancelled), so a slow client cannot hold a handler.
 */
function limitBodyTime(ms: number): MiddlewareHandler {
  return async (c, next) => {
    const source = c.req.raw.body;
    if (!source) return await next();
    const reader = source.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timed = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setTimeout(() => {
          controller.error(new BodyTimeout(ms));
          reader.cancel().catch(() => {});
        }, ms);
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            clearTimeout(timer);
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          clearTimeout(timer);
          controller.error(error);
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    c.req.raw = new Request(c.req.raw, { body: timed, duplex: "half" } as RequestInit);
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The request's JSON object, or the 4xx Response to answer instead. */
export async function readJsonBody(
  req: Request,
): Promise<{ body?: Record<string, unknown>; error?: Response }> {
  if (!req.body) {
    return {
      error: problemResponse(400, [{
        at: "(request)",
        message: "the request has no body",
        expected: "JSON",
      }]),
    };
  }
  let text: string;
  try {
    text = await req.text();
  } catch (error) {
    if (error instanceof BodyTimeout) return { error: timedOut(error) };
    return {
      error: problemResponse(400, [{ at: "(request)", message: "the body could not be read" }]),
    };
  }
  try {
    const body = JSON.parse(text);
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    return { body };
  } catch {
    return {
      error: problemResponse(400, [{
        at: "(request)",
        message: "the body is not a JSON object",
        expected: '{"study": …}',
      }]),
    };
  }
}
