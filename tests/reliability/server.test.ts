/**
 * The server's promises (docs/reliability.md): every run and check has a deadline and is
 * really ended at it or when the client goes away (its process killed, CPU back to idle);
 * /api/validate never blocks the event loop; work over the budget, bodies too large or too
 * slow, ids, names and seeds too long get a 4xx and store nothing; a stale save gets 409.
 */
import assert from "node:assert/strict";
import { createApp } from "../../main.ts";
import { Limits, type LimitSettings } from "../../server/limits.ts";
import { Store } from "../../server/store.ts";
import { largeStudy } from "./large-study.ts";

type Call = (path: string, init?: RequestInit) => Promise<Response>;

async function withApp(
  settings: Partial<LimitSettings>,
  fn: (call: Call, store: Store) => Promise<void>,
  token?: string,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  const store = await Store.open(`${dir}/test.kv`);
  const app = await createApp({ store, limits: new Limits(settings), token });
  try {
    await fn(
      (path, init) => Promise.resolve(app.fetch(new Request(`http://local${path}`, init))),
      store,
    );
  } finally {
    await store.settled();
    store.close();
  }
}

const post = (body: unknown, init: RequestInit = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
  ...init,
});

const FALLS = JSON.parse(
  Deno.readTextFileSync(new URL("../../scenarios/falls-prevention.json", import.meta.url)),
);

/** A study that takes minutes: 50 years of monthly cycles, 5,000 iterations. */
const slow = { ...FALLS, horizonYears: 50, cyclesPerYear: 12, iterations: 5000 };
const roomy: Partial<LimitSettings> = {
  budget: { maxStateCycles: 1e12, maxMemoryBytes: 2 ** 40 },
  maxProcessBytes: 2 ** 40,
};

/** CPU seconds used so far by this process and every process it started. */
function treeCpuSeconds(): number {
  const ticks = (pid: number | string) => {
    try {
      const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  let total = ticks("self");
  for (const pid of descendants()) total += ticks(pid);
  return total / 100;
}

/** Processes whose parent is this one. */
function descendants(): number[] {
  const out: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${e.name}/stat`);
      if (Number(stat.split(") ")[1].split(" ")[1]) === Deno.pid) out.push(Number(e.name));
    } catch { /* gone */ }
  }
  return out;
}

async function cpuOver(ms: number): Promise<number> {
  const before = treeCpuSeconds();
  await new Promise((r) => setTimeout(r, ms));
  return treeCpuSeconds() - before;
}

const linux = (() => {
  try {
    Deno.statSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "a run past its deadline is stopped: 504, its process gone, CPU back to idle",
  ignore: !linux,
  async fn() {
    await withApp({ ...roomy, runTimeoutMs: 1500 }, async (call) => {
      const res = await call("/api/run", post({ study: slow }));
      assert.equal(res.status, 504);
      assert.match((await res.json()).messages[0], /longer than 1\.5 s and was stopped/);
      assert.deepEqual(descendants(), []);
      const cpu = await cpuOver(1000);
      assert.ok(cpu < 0.2, `${cpu.toFixed(2)} s of CPU in the second after the deadline`);
    });
  },
});

Deno.test({
  name: "a run whose client goes away is stopped at once: its process gone, CPU back to idle",
  ignore: !linux,
  async fn() {
    await withApp(roomy, async (call) => {
      const client = new AbortController();
      const pending = call("/api/run", post({ study: slow }, { signal: client.signal }));
      // Wait until the run is under way in its process, then leave.
      for (let i = 0; i < 100 && descendants().length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(descendants().length > 0, "the run was not under way");
      client.abort();
      const res = await pending;
      assert.equal(res.status, 499);
      assert.deepEqual(descendants(), []);
      const cpu = await cpuOver(1000);
      assert.ok(cpu < 0.2, `${cpu.toFixed(2)} s of CPU in the second after the client left`);
    });
  },
});

Deno.test("/api/validate and /api/run of a huge model answer 413 without blocking the event loop", async () => {
  await withApp({}, async (call) => {
    // The worst gap between 5 ms ticks while the requests are answered. A loaded machine can
    // starve this process for a moment whatever the server does (CI shares its cores), so the
    // measurement is taken up to three times, the best kept, and the bound is 400 ms: a server
    // that blocks its loop (the old one validated the 5,000-area study for 1.9 s on the loop)
    // fails all three by far. The request bodies are built before the clock starts.
    const huge = largeStudy(4999, 30);
    const attempt = async () => {
      const requests = [
        post({ study: huge }),
        post({ study: huge, iterations: 1 }),
        post({ study: FALLS, padding: "x".repeat(5e6) }),
      ];
      let last = performance.now();
      let worst = 0;
      const tick = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
      }, 5);
      try {
        const res = await call("/api/validate", requests[0]);
        assert.equal(res.status, 413);
        const body = await res.json();
        assert.match(body.messages.join("\n"), /more memory than this server allows/);
        const run = await call("/api/run", requests[1]);
        assert.equal(run.status, 413);
        const big = await call("/api/validate", requests[2]);
        assert.equal(big.status, 200);
      } finally {
        clearInterval(tick);
      }
      return worst;
    };
    let best = Infinity;
    for (let i = 0; i < 3 && best >= 400; i++) best = Math.min(best, await attempt());
    assert.ok(best < 400, `the event loop was blocked for ${best.toFixed(0)} ms`);
  });
});

Deno.test("runs over the work budget are refused with the limit in the user's terms", async () => {
  await withApp({}, async (call) => {
    const res = await call("/api/run", post({ study: slow, iterations: 5000 }));
    assert.equal(res.status, 413);
    const { messages } = await res.json();
    assert.match(
      messages[0],
      /the run is too large for this server \(found about 1\.8 billion state-cycles \(300 states × 2 scenario runs × 600 cycles × 5,000 iterations\); expected at most 100 million; use fewer iterations, or the command line\)/,
    );
  });
});

Deno.test("the NaN-hang reproductions: the default level runs, a 1e308 CSV is a 422", async () => {
  await withApp({}, async (call) => {
    const noLevel = structuredClone(FALLS);
    delete noLevel.interventions[0].uptake.level;
    const ok = await call("/api/run", post({ study: noLevel, iterations: 2 }));
    assert.equal(ok.status, 200);
    const csv = Deno.readTextFileSync(
      new URL("../../scenarios/data/segmentation-example-place.csv", import.meta.url),
    ).replace(",49726,", ",1e308,");
    const withCsv = { ...FALLS, population: { source: "csv", path: "x.csv" } };
    const bad = await call("/api/run", post({ study: withCsv, csv, iterations: 1 }));
    assert.equal(bad.status, 422);
    assert.match((await bad.json()).messages[0], /row 2, column population: implausibly large/);
    const proto = await call(
      "/api/validate",
      post(JSON.stringify({ study: FALLS }).replace('"name":', '"__proto__": {"x": 1}, "name":')),
    );
    assert.equal(proto.status, 422);
    assert.match((await proto.json()).messages[0], /__proto__: unknown field/);
  });
});

/** A body that sends a first chunk and then nothing. */
function stalledBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"study": '));
    },
  });
}

Deno.test("a body that does not arrive in time gets 408", async () => {
  await withApp({ bodyReadTimeoutMs: 300 }, async (call) => {
    for (const headers of [{}, { "content-length": "1000" }]) {
      const res = await call("/api/validate", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: stalledBody(),
        duplex: "half",
      } as RequestInit);
      assert.equal(res.status, 408, JSON.stringify(headers));
      assert.match((await res.json()).messages[0], /did not arrive within 0\.3 s/);
    }
  });
});

Deno.test("ids, names, seeds and notes over their limits get a 4xx and store nothing", async () => {
  await withApp({}, async (call, store) => {
    const longId = "s-" + "a".repeat(2500);
    const runs = await call(`/api/studies/${longId}/runs`, post({ results: { inputHash: "x" } }));
    assert.equal(runs.status, 404);
    assert.equal((await call(`/api/studies/${longId}`)).status, 404);
    assert.equal((await call(`/api/studies/${longId}/runs?run=r-00000000`)).status, 404);
    for (
      const study of [
        { ...FALLS, name: "n".repeat(201) },
        { ...FALLS, description: "d".repeat(5001) },
        { ...FALLS, seed: "s".repeat(101) },
        { ...FALLS, seed: 2 ** 60 },
        { ...FALLS, scenarios: [{ ...FALLS.scenarios[0], description: "d".repeat(5001) }] },
      ]
    ) {
      const res = await call("/api/studies", post({ study }));
      assert.equal(res.status, 422);
    }
    assert.deepEqual(await store.list(), []);
    // A run with a 70 KB seed is refused, and the study keeps no run.
    const saved = await (await call("/api/studies", post({ study: FALLS }))).json();
    const run = await (await call("/api/run", post({ study: FALLS, iterations: 2 }))).json();
    const huge = await call(
      `/api/studies/${saved.id}/runs`,
      post({ results: { ...run.results, seed: "x".repeat(70_000) } }),
    );
    assert.equal(huge.status, 422);
    assert.deepEqual((await store.get(saved.id))!.meta.runs, []);
    assert.equal((await call(`/api/studies/${saved.id}/runs`, post(run))).status, 201);
  });
});

Deno.test("a save names the version it edits: a stale one gets 409, not a silent overwrite", async () => {
  await withApp({}, async (call, store) => {
    const first = await call("/api/studies", post({ study: FALLS }));
    assert.equal(first.status, 201);
    const meta = await first.json();
    assert.equal(meta.version, 1);
    const mine = { ...FALLS, name: "Mine" };
    const theirs = { ...FALLS, name: "Theirs" };
    const a = await call("/api/studies", post({ study: theirs, id: meta.id, version: 1 }));
    assert.equal(a.status, 200);
    assert.equal((await a.json()).version, 2);
    const b = await call("/api/studies", post({ study: mine, id: meta.id, version: 1 }));
    assert.equal(b.status, 409);
    assert.match((await b.json()).messages[0], /saved by someone else.*version 2/);
    assert.equal((await store.get(meta.id))!.meta.name, "Theirs");
    const noVersion = await call("/api/studies", post({ study: mine, id: meta.id }));
    assert.equal(noVersion.status, 400);
    const unknown = await call("/api/studies", post({ study: mine, id: "s-0000beef", version: 1 }));
    assert.equal(unknown.status, 404);
    const found = await (await call(`/api/studies/${meta.id}`)).json();
    assert.equal(found.version, 2);
  });
});

Deno.test("with a token, every write needs it as a bearer token; reads do not", async () => {
  const token = "a-long-enough-test-token";
  await withApp({}, async (call) => {
    assert.equal((await call("/api/studies")).status, 200);
    const none = await call("/api/studies", post({ study: FALLS }));
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate") ?? "", /Bearer/);
    const wrong = await call(
      "/api/studies",
      post({ study: FALLS }, { headers: { authorization: "Bearer nope" } }),
    );
    assert.equal(wrong.status, 401);
    assert.equal((await call("/api/validate", post({ study: FALLS }))).status, 401);
    const right = await call(
      "/api/studies",
      post({ study: FALLS }, {
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      }),
    );
    assert.equal(right.status, 201);
  }, token);
});

Deno.test("the server refuses to start on a non-loopback HOST without CARESHIFT_TOKEN", async () => {
  const start = async (env: Record<string, string>) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--unstable-kv", "main.ts"],
      cwd: new URL("../..", import.meta.url).pathname,
      env: { PORT: "0", CARESHIFT_KV: `${await Deno.makeTempDir()}/x.kv`, ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
  };
  for (const host of ["0.0.0.0", "192.168.1.20", "::"]) {
    const r = await start({ HOST: host, CARESHIFT_TOKEN: "" });
    assert.equal(r.code, 1, host);
    assert.match(r.stderr, /is not a loopback address: set CARESHIFT_TOKEN/);
  }
  const short = await start({ HOST: "0.0.0.0", CARESHIFT_TOKEN: "short" });
  assert.equal(short.code, 1);
  assert.match(short.stderr, /too short/);
});
