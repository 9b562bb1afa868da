/** Runs the command line in this process (no subprocess), capturing what it prints. */
import { main } from "../../cli/main.ts";

export async function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...xs: unknown[]) => out.push(xs.map(String).join(" "));
  console.error = (...xs: unknown[]) => err.push(xs.map(String).join(" "));
  try {
    const code = await main(args);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}
