/**
 * deploy/k8s/: the manifests parse as YAML and agree with each other (names, shard count,
 * volume, image, Deno version), and their container commands, run here by bash with the
 * environment Kubernetes would give them (JOB_COMPLETION_INDEX 0..N-1, the ConfigMap), give a
 * single run's results. No Kubernetes here: this checks the files, not a cluster.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const dec = new TextDecoder();

// deno-lint-ignore no-explicit-any
type Doc = any;

function manifest(name: string): Doc {
  const text = Deno.readTextFileSync(join(root, "deploy/k8s", name));
  const docs = parseAllDocuments(text);
  assert.ok(Array.isArray(docs), `${name}: no documents`);
  assert.equal(docs.length, 1, `${name}: one document`);
  const [doc] = docs;
  assert.deepEqual(doc.errors.map(String), [], name);
  assert.deepEqual(doc.warnings.map(String), [], name);
  return doc.toJS();
}

const config = manifest("config.yaml");
const volume = manifest("volume.yaml");
const shards = manifest("shards-job.yaml");
const merge = manifest("merge-job.yaml");
const container = (job: Doc) => job.spec.template.spec.containers[0];

Deno.test("k8s: the manifests agree with each other and with the repository", () => {
  assert.equal(config.kind, "ConfigMap");
  for (const key of ["STUDY", "SHARDS", "ITERATIONS", "SEED", "WORKERS", "DATA"]) {
    assert.equal(typeof config.data[key], "string", `config.yaml data.${key}`);
  }
  assert.ok(Deno.statSync(join(root, config.data.STUDY)).isFile, "the study is in the repository");
  assert.equal(volume.kind, "PersistentVolumeClaim");

  assert.equal(shards.apiVersion, "batch/v1");
  assert.equal(shards.kind, "Job");
  assert.equal(shards.spec.completionMode, "Indexed");
  assert.equal(shards.spec.completions, Number(config.data.SHARDS), "completions = SHARDS");
  assert.ok(shards.spec.parallelism >= 1 && shards.spec.parallelism <= shards.spec.completions);
  assert.match(container(shards).args[0], /JOB_COMPLETION_INDEX \+ 1/);
  assert.equal(merge.kind, "Job");
  assert.equal(merge.spec.completionMode, undefined);

  const dockerfile = Deno.readTextFileSync(join(root, "deploy/Dockerfile"));
  const pinned = Deno.readTextFileSync(join(root, ".ci/deno-version")).trim();
  assert.match(
    dockerfile,
    new RegExp(`^FROM denoland/deno:debian-${pinned.replaceAll(".", "\\.")}$`, "m"),
  );
  const workdir = /^WORKDIR (\S+)$/m.exec(dockerfile)?.[1];
  for (const job of [shards, merge]) {
    const pod = job.spec.template.spec;
    const c = container(job);
    assert.equal(pod.restartPolicy, "Never");
    assert.equal(c.image, container(shards).image, "one image");
    assert.equal(c.workingDir, workdir, "the image's checkout");
    assert.deepEqual(c.command, ["bash", "-c"]);
    assert.deepEqual(c.envFrom, [{ configMapRef: { name: config.metadata.name } }]);
    assert.deepEqual(pod.volumes, [
      { name: "data", persistentVolumeClaim: { claimName: volume.metadata.name } },
    ]);
    assert.deepEqual(c.volumeMounts, [{ name: "data", mountPath: config.data.DATA }]);
  }
});

/** Runs a container's script as the pod would, in this checkout, with `env` over the ConfigMap. */
async function runContainer(job: Doc, env: Record<string, string>) {
  const out = await new Deno.Command("bash", {
    args: ["-c", container(job).args[0]],
    cwd: root,
    env: { ...config.data, NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("k8s: the shard and merge commands, run as the pods would, give a single run's results", async () => {
  const dir = await Deno.makeTempDir();
  const study = join(dir, "tiny.json");
  await Deno.writeTextFile(
    study,
    JSON.stringify({
      name: "Tiny study",
      horizonYears: 3,
      iterations: 20,
      seed: 4,
      interventions: [{
        id: "iv",
        name: "Coordination",
        target: { ageBands: ["75+"], complexity: ["high"] },
        uptake: 0.5,
        costPerParticipant: 500,
        effects: { activity: { nonElective: 0.8 } },
      }],
      scenarios: [{ name: "Coordinated", interventions: ["iv"] }],
    }),
  );
  // The image has deno on PATH; here it is this test's own Deno.
  const bin = join(dir, "bin");
  await Deno.mkdir(bin);
  await Deno.symlink(Deno.execPath(), join(bin, "deno"));
  const data = join(dir, "data");
  const env = {
    PATH: `${bin}:/usr/bin:/bin`,
    STUDY: study,
    ITERATIONS: "128",
    SEED: "5",
    DATA: data,
  };
  const n = Number(config.data.SHARDS);
  for (let i = n - 1; i >= 0; i--) {
    const r = await runContainer(shards, { ...env, JOB_COMPLETION_INDEX: String(i) });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Wrote shard ${i + 1} of ${n}`));
  }
  const m = await runContainer(merge, env);
  assert.equal(m.code, 0, m.stderr);
  assert.match(
    m.stdout,
    new RegExp(`Merged ${n} shards \\(128 iterations\\) into ${data}/results`),
  );

  const single = join(dir, "single");
  const s = await new Deno.Command(Deno.execPath(), {
    args: ["task", "sim", "run", study, "--iterations", "128", "--seed", "5", "--workers", "1"]
      .concat(["--out", single]),
    cwd: root,
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(s.code, 0, dec.decode(s.stderr));
  const a = JSON.parse(await Deno.readTextFile(join(single, "results.json")));
  const b = JSON.parse(await Deno.readTextFile(join(data, "results", "results.json")));
  assert.equal(b.results.seed, 5);
  assert.deepEqual(b.results, a.results);
  assert.deepEqual(b.assertions, a.assertions);

  // An empty SEED leaves the study's own seed.
  const own = await runContainer(shards, {
    ...env,
    SEED: "",
    DATA: join(dir, "own"),
    JOB_COMPLETION_INDEX: "0",
  });
  assert.equal(own.code, 0, own.stderr);
  const manifestOf = JSON.parse(
    await Deno.readTextFile(join(dir, "own", "shards", `shard-1-of-${n}`, "shard.json")),
  );
  assert.equal(manifestOf.seed, 4);
  // Applied before the shards are all there, merge refuses and writes nothing.
  const early = await runContainer(merge, { ...env, DATA: join(dir, "own") });
  assert.equal(early.code, 2);
  assert.match(early.stderr, new RegExp(`shard-2-of-${n}`));
  await assert.rejects(Deno.stat(join(dir, "own", "results")), Deno.errors.NotFound);
  await Deno.remove(dir, { recursive: true });
});
