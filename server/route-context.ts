/**
 * What a route module sees and exports (routes/): the request, its URL and path parameters, the
 * app's state, and `render` for its page. main.ts builds one per request; routes import these
 * types from here, so main.ts and the routes do not import each other.
 */
import type { ComponentType } from "preact";
import type { Limits } from "./limits.ts";
import type { Store } from "./store.ts";

export interface AppState {
  store: Store;
  limits: Limits;
  /** When set, every request but a read must carry it as a bearer token. */
  token?: string | null;
}

export interface RouteContext {
  req: Request;
  url: URL;
  params: Record<string, string>;
  state: AppState;
  render(data?: unknown, init?: ResponseInit): Response;
}

export type Handler = (ctx: RouteContext) => Response | Promise<Response>;

export interface RouteModule {
  handler?: Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;
  /** A page: `data` is what its handler rendered (each page declares its own type). */
  // deno-lint-ignore no-explicit-any
  default?: ComponentType<{ data: any; url: URL }>;
  title?: string | ((data: unknown) => string);
  /** The page's skip links, [href, label], first in the page (default: to its main content). */
  skipLinks?: [string, string][];
}
