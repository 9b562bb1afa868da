/** A progress bar on stderr, shown only when stderr is a terminal and not under CI. */

export function progressBar(
  label: string,
): ((done: number, total: number) => void) & { end(): void } {
  const enabled = Deno.stderr.isTerminal() && !Deno.env.get("CI");
  const encoder = new TextEncoder();
  let last = -1;
  const update = (done: number, total: number) => {
    if (!enabled) return;
    const pct = Math.floor((100 * done) / Math.max(total, 1));
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((width * pct) / 100);
    Deno.stderr.writeSync(
      encoder.encode(
        `\r${label} [${"#".repeat(filled)}${
          ".".repeat(width - filled)
        }] ${pct}% (${done}/${total})`,
      ),
    );
  };
  return Object.assign(update, {
    end() {
      if (enabled && last >= 0) Deno.stderr.writeSync(encoder.encode("\n"));
    },
  });
}
