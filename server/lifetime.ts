/**
 * The server ends with the command that started it. `npx --yes deno@… task start` runs
 * npm exec → sh → deno task → deno run main.ts, and SIGTERM to npm ends npm and sh but leaves
 * deno task and the server running; job processes outlive a server killed any way. So:
 *
 * - on SIGINT (Ctrl-C) or SIGTERM the server kills its job processes, then exits;
 * - it watches the chain of processes that launched it — its ancestors whose command line
 *   names deno (deno task, sh -c 'deno', npm exec deno@…) — and shuts down the same way when
 *   any of them ends. A server started otherwise (a shell's `deno run … &`, a container's entry
 *   point) watches nothing.
 *
 * Processes are looked up with `ps` (the start command may run programs, but Deno lets only
 * --allow-all read /proc); where there is no `ps`, signals alone stop the server.
 */

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** ps's state: "Z" for a zombie (ended, not yet reaped). */
  state: string;
  /** When it started (tells a reused pid apart). */
  started: string;
  command: string;
}

/** Looks processes up: `ps` by default (tests give their own). */
export type ProcessTable = (pids: number[]) => Promise<ProcessInfo[]>;

/** The processes among `pids` that exist, from `ps` (empty where ps cannot run). */
export async function psTable(pids: number[]): Promise<ProcessInfo[]> {
  if (!pids.length) return [];
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("ps", {
      args: ["-o", "pid=,ppid=,stat=,lstart=,args=", "-p", pids.join(",")],
      stdout: "piped",
      stderr: "null",
      env: { LC_ALL: "C" },
    }).output();
  } catch {
    return [];
  }
  return new TextDecoder().decode(out.stdout).split("\n").flatMap((line) => {
    // pid ppid stat and lstart's five fields ("Mon Nov 23 07:05:37 2026"), then the command.
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+\s+\S+\s+\d+\s+[\d:]+\s+\d+)\s+(.*)$/.exec(line);
    return m
      ? [{ pid: Number(m[1]), ppid: Number(m[2]), state: m[3], started: m[4], command: m[5] }]
      : [];
  });
}

/**
 * The processes that launched `pid`: its ancestors, nearest first, for as long as their command
 * lines name deno (the user's shell, an init or a supervisor ends the chain).
 */
export async function launchers(
  pid: number,
  table: ProcessTable = psTable,
): Promise<ProcessInfo[]> {
  const out: ProcessInfo[] = [];
  let current = (await table([pid]))[0];
  for (let depth = 0; current && current.ppid > 1 && depth < 8; depth++) {
    const parent = (await table([current.ppid]))[0];
    if (!parent || !/\bdeno\b/.test(parent.command)) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

/** The first of `watched` that has ended (gone, a zombie, or its pid reused), if any. */
export async function ended(
  watched: ProcessInfo[],
  table: ProcessTable = psTable,
): Promise<ProcessInfo | undefined> {
  const now = new Map((await table(watched.map((p) => p.pid))).map((p) => [p.pid, p]));
  return watched.find((p) => {
    const q = now.get(p.pid);
    return !q || q.state.startsWith("Z") || q.started !== p.started;
  });
}

/**
 * Calls `shutdown` (once) on SIGINT or SIGTERM, or when a process that launched this one ends;
 * `every` ms between looks at the launchers. `launched` is the chain of launchers, looked up as
 * early as possible (before the server starts listening), so that a launcher that ends while
 * the server starts is still known.
 */
export async function endWithLauncher(
  shutdown: (why: string) => void,
  launched: Promise<ProcessInfo[]> = launchers(Deno.pid),
  every = 1000,
): Promise<void> {
  let done = false;
  const end = (why: string) => {
    if (done) return;
    done = true;
    shutdown(why);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => end(signal));
  }
  const watched = await launched;
  if (!watched.length) return;
  let looking = false;
  const timer = setInterval(async () => {
    if (looking) return;
    looking = true;
    try {
      const gone = await ended(watched);
      if (gone) end(`the command that started it (pid ${gone.pid}) ended`);
    } finally {
      looking = false;
    }
  }, every);
  Deno.unrefTimer(timer);
}
