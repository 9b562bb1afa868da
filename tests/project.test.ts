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

/** Every TypeScript file under sim/, by path relative to it (e.g. "rates.ts", "study/check.ts"). */
async function simSources(): Promise<Map<string, string>> {
  const root = new URL("../sim/", import.meta.url);
  const out = new Map<string, string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(new URL(dir, root))) {
      const path = `${dir}${entry.name}`;
      if (entry.isDirectory) await walk(`${path}/`);
      else if (entry.name.endsWith(".ts")) {
        out.set(path, await Deno.readTextFile(new URL(path, root)));
      }
    }
  };
  await walk("");
  return out;
}

/** Names a source declares: functions, classes, constants, types, enums and methods. */
function declarations(source: string): Set<string> {
  return new Set([
    ...[...source.matchAll(/(?:function|class|const|let|interface|type|enum)\s+([A-Za-z0-9_]+)/g)]
      .map((m) => m[1]),
    ...[...source.matchAll(/^\s+(?:override\s+|static\s+|private\s+)*([a-z][A-Za-z0-9]*)\(/gm)]
      .map((m) => m[1]),
  ]);
}

/** Properties declared in a source's interfaces (an interface's own lines, two spaces in). */
function interfaceProperties(source: string): Set<string> {
  const names = new Set<string>();
  for (const block of source.matchAll(/interface\s+\w+[^{]*\{([\s\S]*?)\n\}/g)) {
    for (const m of block[1].matchAll(/^ {2}(?:readonly\s+)?([a-zA-Z]\w*)\??:/gm)) names.add(m[1]);
  }
  return names;
}

Deno.test("every function docs/model.md names exists where it says", async () => {
  const doc = await Deno.readTextFile(new URL("../docs/model.md", import.meta.url));
  const sources = await simSources();
  const all = [...sources.values()].join("\n");
  const declared = declarations(all);
  const properties = interfaceProperties(all);
  // Names followed by a file, "`a`, `b` (file.ts)": each declared in that file.
  const misplaced: string[] = [];
  let withFile = 0;
  for (const m of doc.matchAll(/((?:`[A-Za-z0-9.]+`(?:,\s*|\s+and\s+)?)+)\s*\(([a-z/-]+\.ts)\)/g)) {
    const file = [...sources.keys()].find((path) => path === m[2] || path.endsWith(`/${m[2]}`));
    const here = file ? declarations(sources.get(file)!) : new Set<string>();
    for (const [, name] of m[1].matchAll(/`([^`]+)`/g)) {
      withFile++;
      if (!name.split(".").every((part) => here.has(part))) misplaced.push(`${name} (${m[2]})`);
    }
  }
  assert.deepEqual(misplaced, []);
  assert.ok(withFile > 20, `${withFile} names with a file`);
  // Every other name that looks like code: declared in sim/, or a field of one of its interfaces.
  const names = new Set([...doc.matchAll(/`([a-zA-Z][A-Za-z0-9]+)`/g)].map((m) => m[1]));
  const cited = [...names].filter((n) => /^[a-z]+[A-Z]/.test(n) || /^[A-Z][a-z]+[A-Z]/.test(n));
  const missing = cited.filter((n) => !declared.has(n) && !properties.has(n));
  assert.deepEqual(missing, []);
  assert.ok(cited.length > 20);
});

Deno.test("the README's commands are written the way set-up runs Deno (npx), not a bare deno", async () => {
  const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
  // Commands in code blocks (indented four spaces) and in backticks.
  const commands = [
    ...[...readme.matchAll(/^ {4}(\S.*)$/gm)].map((m) => m[1]),
    ...[...readme.matchAll(/`([^`]*\btask [a-z:]+[^`]*)`/g)].map((m) => m[1]),
  ].filter((c) => /\btask\b/.test(c));
  assert.ok(commands.length > 10, `${commands.length} commands`);
  const bare = commands.filter((c) => /^deno task/.test(c) && !/With Deno installed/.test(c));
  // The one bare `deno task …` left is the note that says Deno installed does the same.
  assert.deepEqual(bare.filter((c) => c !== "deno task …" && c !== "deno task start"), []);
});

/** PATH without any directory holding a `deno`: a machine where Deno is not installed. */
function pathWithoutDeno(): string {
  return (Deno.env.get("PATH") ?? "").split(":").filter((dir) => {
    try {
      return !Deno.statSync(`${dir}/deno`).isFile;
    } catch {
      return true;
    }
  }).join(":");
}

Deno.test({
  name: "the README's command-line example runs as written where only Node.js is installed",
  ignore: (() => {
    try {
      return !new Deno.Command("npx", { args: ["--version"], stdout: "null", stderr: "null" })
        .outputSync().success;
    } catch {
      return true;
    }
  })(),
  async fn() {
    const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
    const example = /For example, `(npx [^`]+)`/.exec(readme)![1];
    const [command, ...args] = example.split(" ");
    const out = await new Deno.Command(command, {
      args,
      cwd: new URL("..", import.meta.url).pathname,
      env: { PATH: pathWithoutDeno(), NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    assert.match(text, /hold|pass|assertion/i);
  },
});
