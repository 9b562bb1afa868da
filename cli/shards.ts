/**
 * Shards: a run split by iteration range (`run --shard K/N`) so a study can be spread over
 * processes or machines, and `merge` to join shards into results identical to a single run.
 * A shard directory holds shard.json (the study text, its CSV and calibration files, seed,
 * iterations, which blocks)
 * and the raw block output as little-endian Float64 files.
 */
import { join } from "node:path";
import { type BlockResult, blocksOf } from "../sim/run.ts";
import type { UncertaintyMode } from "../sim/types.ts";

export interface ShardSpec {
  index: number;
  count: number;
}

export interface ShardManifest {
  format: "careshift-shard-1";
  shard: ShardSpec;
  studyText: string;
  csvText: string | null;
  /** The calibration files the study names (targets, posterior), by the path it gives. */
  files?: Record<string, string>;
  inputHash: string;
  seed: number | string;
  iterations: number;
  interval: number;
  /** What each iteration drew (absent in shards written before uncertainty modes: counts too). */
  uncertainty?: UncertaintyMode;
  blocks: [number, number][];
  scenarios: number;
  recordValues: number;
  stateValues: number;
  areaValues: number;
}

export function parseShard(text: string): ShardSpec | null {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count && count <= 10_000 ? { index, count } : null;
}

/** The blocks of shard K of N: a contiguous range of the run's blocks. */
export function shardBlocks(iterations: number, shard: ShardSpec): [number, number][] {
  const all = blocksOf(iterations);
  const from = Math.floor(((shard.index - 1) * all.length) / shard.count);
  const to = Math.floor((shard.index * all.length) / shard.count);
  return all.slice(from, to);
}

function toBytes(arrays: Float64Array[]): Uint8Array {
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const joined = new Float64Array(total);
  let at = 0;
  for (const a of arrays) {
    joined.set(a, at);
    at += a.length;
  }
  return new Uint8Array(joined.buffer);
}

export function shardFiles(
  manifest: ShardManifest,
  blocks: BlockResult[],
): Record<string, Uint8Array | string> {
  // The data files hold the blocks in the order shard.json lists them; readShard relies on it.
  const listed = manifest.blocks.map(([start, count]) => `${start}+${count}`).join(",");
  const written = blocks.map((b) => `${b.start}+${b.count}`).join(",");
  if (listed !== written) {
    throw new Error(`shard blocks out of order: listed ${listed}, written ${written}`);
  }
  return {
    "shard.json": JSON.stringify(manifest) + "\n",
    "records.bin": toBytes(blocks.flatMap((b) => b.records)),
    "states.bin": toBytes(blocks.flatMap((b) => b.statePopulationSum)),
    "areas.bin": toBytes(blocks.flatMap((b) => b.areaSum)),
  };
}

const whole = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/** Whether shard.json has every field, of the right type (it is read from disk: it may not). */
function isManifest(m: unknown): m is ShardManifest {
  if (!m || typeof m !== "object") return false;
  const x = m as Record<string, unknown>;
  const shard = x.shard as Record<string, unknown> | null;
  return x.format === "careshift-shard-1" && !!shard && typeof shard === "object" &&
    whole(shard.index) && whole(shard.count) && typeof x.studyText === "string" &&
    (x.csvText === null || typeof x.csvText === "string") && typeof x.inputHash === "string" &&
    (x.files === undefined || (!!x.files && typeof x.files === "object" &&
      Object.values(x.files).every((t) => typeof t === "string"))) &&
    (typeof x.seed === "string" || Number.isSafeInteger(x.seed)) && whole(x.iterations) &&
    typeof x.interval === "number" && Array.isArray(x.blocks) &&
    x.blocks.every((b) => Array.isArray(b) && b.length === 2 && whole(b[0]) && whole(b[1])) &&
    whole(x.scenarios) && whole(x.recordValues) && whole(x.stateValues) && whole(x.areaValues);
}

/** Reads a shard directory back into its manifest and block results. */
export function readShard(dir: string): { manifest: ShardManifest; blocks: BlockResult[] } {
  const manifest = JSON.parse(Deno.readTextFileSync(join(dir, "shard.json"))) as ShardManifest;
  if (!isManifest(manifest)) throw new Error(`${dir}: shard.json is not a Careshift shard's`);
  const read = (name: string) => {
    const bytes = Deno.readFileSync(join(dir, name));
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  };
  const records = read("records.bin");
  const states = read("states.bin");
  const areaData = read("areas.bin");
  let r = 0;
  let s = 0;
  let a = 0;
  const blocks = manifest.blocks.map(([start, count]) => {
    const recs: Float64Array[] = [];
    const sums: Float64Array[] = [];
    for (let sc = 0; sc < manifest.scenarios; sc++) {
      recs.push(records.slice(r, r + count * manifest.recordValues));
      r += count * manifest.recordValues;
    }
    const areaSum: Float64Array[] = [];
    for (let sc = 0; sc < manifest.scenarios; sc++) {
      sums.push(states.slice(s, s + manifest.stateValues));
      s += manifest.stateValues;
    }
    for (let sc = 0; sc < manifest.scenarios; sc++) {
      areaSum.push(areaData.slice(a, a + manifest.areaValues));
      a += manifest.areaValues;
    }
    return { start, count, records: recs, statePopulationSum: sums, areaSum };
  });
  if (r !== records.length || s !== states.length || a !== areaData.length) {
    throw new Error(`${dir}: the data files do not match shard.json`);
  }
  return { manifest, blocks };
}
