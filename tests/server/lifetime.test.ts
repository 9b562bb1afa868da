/** The server ends with the command that started it (server/lifetime.ts). */
import assert from "node:assert/strict";
import { ended, launchers, type ProcessInfo, psTable } from "../../server/lifetime.ts";

const p = (pid: number, ppid: number, command: string, state = "S"): ProcessInfo => ({
  pid,
  ppid,
  state,
  started: `t${pid}`,
  command,
});

Deno.test("the launchers are the ancestors that name deno, nearest first", async () => {
  const procs = [
    p(50, 40, "deno run --allow-net main.ts"),
    p(40, 30, "deno task start"),
    p(30, 20, "sh -c 'deno' task start"),
    p(20, 10, "npm exec deno@2.9.6 task start"),
    p(10, 1, "-bash"),
  ];
  const table = (pids: number[]) => Promise.resolve(procs.filter((x) => pids.includes(x.pid)));
  assert.deepEqual((await launchers(50, table)).map((x) => x.pid), [40, 30, 20]);
  // Started from a shell: nothing to watch.
  const plain = [p(60, 10, "deno run main.ts"), p(10, 1, "bash")];
  assert.deepEqual(
    await launchers(60, (pids) => Promise.resolve(plain.filter((x) => pids.includes(x.pid)))),
    [],
  );
});

Deno.test("a launcher has ended when gone, a zombie, or its pid is another process's", async () => {
  const watched = [p(40, 30, "deno task start"), p(20, 10, "npm exec deno@2.9.6")];
  const table = (now: ProcessInfo[]) => (pids: number[]) =>
    Promise.resolve(now.filter((x) => pids.includes(x.pid)));
  assert.equal(await ended(watched, table(watched)), undefined);
  assert.equal((await ended(watched, table([watched[0]])))?.pid, 20);
  assert.equal((await ended(watched, table([watched[0], { ...watched[1], state: "Z" }])))?.pid, 20);
  assert.equal(
    (await ended(watched, table([watched[0], { ...watched[1], started: "later" }])))?.pid,
    20,
  );
});

Deno.test({
  name: "ps sees this process and its parent",
  ignore: Deno.build.os === "windows",
  async fn() {
    const [me] = await psTable([Deno.pid]);
    assert.equal(me.pid, Deno.pid);
    assert.equal(me.ppid, Deno.ppid);
    assert.match(me.command, /deno/);
    assert.match(me.started, /\d+:\d+:\d+/);
  },
});
