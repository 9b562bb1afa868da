import assert from "node:assert/strict";

Deno.test("the README's set-up commands use the pinned Deno version", async () => {
  const version = (await Deno.readTextFile(new URL("../.ci/deno-version", import.meta.url))).trim();
  const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.ok(readme.includes(`npx --yes deno@${version} task start`));
  assert.ok(readme.includes(`npx --yes deno@${version} task test`));
  const pinned = [...readme.matchAll(/deno@(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
  assert.ok(pinned.every((v) => v === version), `README pins ${pinned.join(", ")}`);
});

Deno.test("every function docs/model.md names exists in sim/", async () => {
  const doc = await Deno.readTextFile(new URL("../docs/model.md", import.meta.url));
  const names = new Set([...doc.matchAll(/`([a-zA-Z][A-Za-z0-9]+)`/g)].map((m) => m[1]));
  let source = "";
  for await (const entry of Deno.readDir(new URL("../sim/", import.meta.url))) {
    if (entry.name.endsWith(".ts")) {
      source += await Deno.readTextFile(new URL(`../sim/${entry.name}`, import.meta.url));
    }
  }
  const declared = new Set(
    [...source.matchAll(/(?:function|class|const|interface|type)\s+([A-Za-z0-9_]+)/g)].map((m) =>
      m[1]
    ),
  );
  const methods = new Set([...source.matchAll(/^\s+([a-z][A-Za-z0-9]*)\(/gm)].map((m) => m[1]));
  const cited = [...names].filter((n) => /^[a-z]+[A-Z]/.test(n) || /^[A-Z][a-z]+[A-Z]/.test(n));
  const missing = cited.filter((n) =>
    !declared.has(n) && !methods.has(n) && !new RegExp(`\\b${n}\\??:`).test(source)
  );
  assert.deepEqual(missing, []);
  assert.ok(cited.length > 20);
});
