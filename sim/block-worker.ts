/**
 * Worker entry (Deno Worker or browser Web Worker) for a `BlockPool`: its messages are handled by
 * `blockHandler` (sim/block-handler.ts).
 */
/// <reference lib="deno.worker" />
import { blockHandler, type WorkerRequest } from "./block-handler.ts";

export type { WorkerRequest } from "./block-handler.ts";

const handle = blockHandler((message, transfer) => self.postMessage(message, { transfer }));
self.onmessage = (event: MessageEvent<WorkerRequest>) => handle(event.data);
