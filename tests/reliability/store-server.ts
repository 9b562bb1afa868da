/**
 * The workbench's server (createApp from main.ts on a Deno KV store), without the island
 * bundles, on a free port it prints: the process the store's kill test kills.
 */
import { createApp } from "../../main.ts";
import { Limits } from "../../server/limits.ts";
import { Store } from "../../server/store.ts";

const store = await Store.open(Deno.env.get("CARESHIFT_KV")!);
const app = await createApp({ store, limits: new Limits() });
Deno.serve({
  port: 0,
  hostname: "127.0.0.1",
  onListen: ({ port }) => console.log(`listening ${port}`),
}, app.fetch);
