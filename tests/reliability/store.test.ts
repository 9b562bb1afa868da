/**
 * Saves are atomic (docs/reliability.md, "Saves"): the server is killed with SIGKILL at random
 * moments while clients save studies (several chunks each) and runs; after every kill, every
 * save that was acknowledged is there whole (or a later one that was sent), and every study
 * the store lists can be read.
 */
import assert from "node:assert/strict";
import { Store } from "../../server/store.ts";
import { modelInputHash } from "../../sim/provenance.ts";
import { prepareStudy } from "../../sim/study/prepare.ts";
import { scenarioFiles } from "../helpers.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const CSV = Deno.readTextFileSync(
  new URL("../../scenarios/data/segmentation-example-place.csv", import.meta.url),
).trim().split("\n");
const FALLS = JSON.parse(
  Deno.readTextFileSync(new URL("../../scenarios/falls-prevention.json", import.meta.url)),
);

/** Text no compressor can shrink much, so a study's CSV spans several 60 KB chunks. */
function noise(bytes: number): string {
  let out = "";
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  while (out.length < bytes) {
    const raw = crypto.getRandomValues(new Uint8Array(Math.min(65536, bytes - out.length)));
    for (const b of raw) out += letters[b % 62];
  }
  return out;
}

function csvWithNote(): string {
  return [CSV[0] + ",note", ...CSV.slice(1).map((row) => `${row},${noise(5000)}`)].join("\n");
}

/** The study the savers save (its description and the CSV's notes vary; its inputs do not). */
const SAVED = { ...FALLS, population: { source: "csv", path: "p.csv" } };
/** A run is kept only with the inputs it came from: results carry the saved study's hash. */
const INPUT_HASH = modelInputHash(
  prepareStudy(JSON.stringify(SAVED), scenarioFiles(csvWithNote())).loaded!.input,
);

async function startServer(kvPath: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-kv", "tests/reliability/store-server.ts"],
    cwd: ROOT,
    env: { CARESHIFT_KV: kvPath },
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!/listening (\d+)/.test(seen)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the server did not start: ${seen}`);
    seen += value;
  }
  reader.releaseLock();
  child.stdout.cancel().catch(() => {});
  return { child, url: `http://127.0.0.1:${/listening (\d+)/.exec(seen)![1]}` };
}

interface Sent {
  /** Every text sent for the study at each version it would become. */
  texts: Map<number, Set<string>>;
  /** The last version acknowledged, and its texts. */
  acked: { version: number; studyText: string; csvText: string } | null;
  /** Runs acknowledged: id → results text. */
  runs: Map<string, string>;
}

Deno.test({
  name:
    "saves survive SIGKILL: 20 kills during saves, every acknowledged save intact, every study readable",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const kvPath = `${await Deno.makeTempDir()}/kill.kv`;
    const studies = new Map<string, Sent>();
    const owned: string[][] = [[], [], []];
    let acknowledged = 0;
    let killedDuringWrites = 0;
    let runsAcknowledged = 0;
    for (let cycle = 0; killedDuringWrites < 20 && cycle < 40; cycle++) {
      const { child, url } = await startServer(kvPath);
      let alive = true;
      const post = (path: string, body: unknown) =>
        fetch(`${url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      let inFlight = 0;
      const saver = async (loop: number) => {
        while (alive) {
          // Each saver keeps to its own two studies, so no two savers edit the same one.
          const mine = owned[loop];
          const id = mine.length < 2 ? null : mine[Math.floor(Math.random() * mine.length)];
          const sent = id ? studies.get(id)! : null;
          const version = sent?.acked?.version ?? null;
          const study = { ...SAVED, description: noise(200) };
          const studyText = JSON.stringify(study);
          const csvText = csvWithNote();
          if (sent) {
            const set = sent.texts.get(version! + 1) ?? new Set();
            set.add(studyText + csvText);
            sent.texts.set(version! + 1, set);
          }
          inFlight++;
          try {
            const res = await post("/api/studies", {
              study: studyText,
              csv: csvText,
              ...(id ? { id, version } : {}),
            });
            if (res.status === 200 || res.status === 201) {
              const meta = await res.json();
              const entry = studies.get(meta.id) ??
                {
                  texts: new Map([[1, new Set([studyText + csvText])]]),
                  acked: null,
                  runs: new Map(),
                };
              if (!id) owned[loop].push(meta.id);
              entry.acked = { version: meta.version, studyText, csvText };
              studies.set(meta.id, entry);
              acknowledged++;
            } else await res.body?.cancel();
          } catch {
            /* the server was killed */
          } finally {
            inFlight--;
          }
        }
      };
      const runSaver = async () => {
        while (alive) {
          const ids = [...studies.keys()];
          if (!ids.length) {
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          const id = ids[Math.floor(Math.random() * ids.length)];
          const results = {
            iterations: 10,
            seed: 1,
            inputHash: INPUT_HASH,
            padding: noise(80_000),
          };
          inFlight++;
          try {
            // Sent with the study text and CSV it ran: the run's snapshot.
            const res = await post(`/api/studies/${id}/runs`, {
              results,
              study: JSON.stringify({ ...SAVED, description: noise(200) }),
              csv: csvWithNote(),
            });
            if (res.status === 201) {
              studies.get(id)!.runs.set((await res.json()).id, JSON.stringify(results));
              acknowledged++;
              runsAcknowledged++;
            } else await res.body?.cancel();
          } catch {
            /* killed */
          } finally {
            inFlight--;
          }
        }
      };
      const loops = [saver(0), saver(1), saver(2), runSaver(), runSaver()];
      // Kill at a random moment after this server has acknowledged something (a save is checked
      // in a job process first, which takes longer on a loaded machine), so every cycle both
      // keeps acknowledged saves and catches others half-written.
      const before = acknowledged;
      const waitUntil = Date.now() + 30_000;
      while (acknowledged === before && Date.now() < waitUntil) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      if (inFlight > 0) killedDuringWrites++;
      child.kill("SIGKILL");
      alive = false;
      await child.status;
      await Promise.all(loops);

      const store = await Store.open(kvPath);
      try {
        for (const [id, sent] of studies) {
          const got = await store.get(id);
          assert.ok(got, `cycle ${cycle}: study ${id} is gone`);
          const acked = sent.acked!;
          assert.ok(got.meta.version >= acked.version, `cycle ${cycle}: ${id} went back`);
          if (got.meta.version === acked.version) {
            assert.equal(got.studyText, acked.studyText, `cycle ${cycle}: ${id} text`);
            assert.equal(got.csvText, acked.csvText, `cycle ${cycle}: ${id} CSV`);
          } else {
            assert.ok(
              sent.texts.get(got.meta.version)?.has(got.studyText + got.csvText),
              `cycle ${cycle}: ${id} holds a version nobody sent`,
            );
            acked.version = got.meta.version;
            acked.studyText = got.studyText;
            acked.csvText = got.csvText!;
          }
          const kept = new Set(got.meta.runs.map((r) => r.id));
          for (const [runId, text] of sent.runs) {
            // A study keeps its 20 latest runs; the others are dropped on purpose.
            if (!kept.has(runId)) {
              assert.ok(got.meta.runs.length === 20, `cycle ${cycle}: run ${runId} lost`);
              sent.runs.delete(runId);
              continue;
            }
            assert.equal(await store.getRun(id, runId), text, `cycle ${cycle}: run ${runId}`);
            const savedRun = await store.getSavedRun(id, runId);
            assert.ok(savedRun?.snapshot?.csvText?.includes(",note"), `cycle ${cycle}: snapshot`);
          }
        }
        for (const meta of await store.list()) {
          const got = await store.get(meta.id);
          assert.ok(got && JSON.parse(got.studyText).name, `cycle ${cycle}: ${meta.id} unreadable`);
        }
      } finally {
        store.close();
      }
    }
    assert.ok(acknowledged >= 20, `only ${acknowledged} saves were acknowledged`);
    assert.ok(runsAcknowledged > 0, "no run was kept");
    assert.ok(killedDuringWrites >= 20, `only ${killedDuringWrites} kills landed during saves`);
  },
});

Deno.test("rename and delete are atomic switches: nothing left behind, a stale version refused", async () => {
  const path = `${await Deno.makeTempDir()}/rename.kv`;
  const store = await Store.open(path);
  try {
    const csv = csvWithNote(); // several chunks
    const saved = await store.save(null, null, "Falls", JSON.stringify(FALLS), csv);
    assert.ok("saved" in saved);
    const id = saved.saved.id;
    await store.saveRun(
      id,
      {
        iterations: 1,
        seed: 1,
        inputHash: "0".repeat(16),
        studyHash: null,
        schemaVersion: 2,
        engineVersion: null,
        uncertainty: null,
        mode: null,
      },
      noise(100),
      { studyText: JSON.stringify(FALLS), csvText: csv }, // the snapshot: blobs of its own
    );
    const renamed = await store.rename(id, 1, "Falls, renamed");
    assert.ok("saved" in renamed && renamed.saved.version === 2);
    const got = (await store.get(id))!;
    assert.equal(JSON.parse(got.studyText).name, "Falls, renamed");
    assert.equal(got.csvText, csv, "the CSV is kept");
    assert.equal(got.meta.runs.length, 1, "the runs are kept");
    assert.deepEqual(await store.rename(id, 1, "Stale"), { conflict: { version: 2 } });
    assert.deepEqual(await store.delete(id, 1), { conflict: { version: 2 } });
    assert.deepEqual(await store.delete(id, 2), { deleted: true });
    await store.settled();
    assert.equal(await store.get(id), null);
    assert.deepEqual(await store.delete(id, 2), { missing: true });
    assert.deepEqual(await store.rename(id, 2, "x"), { missing: true });
  } finally {
    store.close();
  }
  // Every chunk of the study, its CSV and its run was swept.
  const kv = await Deno.openKv(path);
  try {
    const left = [];
    for await (const e of kv.list({ prefix: [] })) left.push(e.key);
    assert.deepEqual(left, []);
  } finally {
    kv.close();
  }
});
