/**
 * `deno task sim calibrate STUDY`: fits the study's calibrated parameters to its targets
 * (sim/calibration/calibrate.ts) and writes the posterior file the study names (or --out),
 * with its report beside it as text and HTML; prints the text report.
 */
import { dirname, join, resolve } from "node:path";
import { calibrate } from "../sim/calibration/calibrate.ts";
import { calibrationReportHtml, calibrationReportText } from "../sim/calibration/report.ts";
import { MAX_SEED_LENGTH } from "../sim/study/schema.ts";
import { intOption, parseArgs, stringOption, UsageError } from "./args.ts";
import { loadStudyFile } from "./files.ts";

export const CALIBRATE_HELP =
  `Usage: deno task sim calibrate STUDY [--samples M] [--draws N] [--rounds R] [--seed S] [--out FILE]

Fits the parameters the study's "calibration" section names (default: complexity moves, net
migration by age band, the mortality multiplier and entrants) to its targets, by
sampling–importance–resampling from the priors (Menzies et al. 2017), followed by rounds of
incremental mixture importance sampling (IMIS, Raftery & Bao 2010) when the prior alone gives
too few distinct draws. Each model run is the study's baseline, deterministic, to the last target
year; the other baseline parameters are drawn from their priors.

Writes the posterior (N draws of the calibrated parameters, seeded and reproducible, with the
hash of the inputs it was fitted to) to the file the study names, or FILE; beside it FILE's name
with .report.txt and .report.html: each target against the fit, each parameter's prior against
its posterior, and the effective sample size. A poor fit is reported, not hidden (exit 0).
Runs of the study then draw the calibrated parameters from the posterior.

  --samples M   prior samples in the first step (default 20000)
  --draws N     posterior draws kept (default 1000)
  --rounds R    most IMIS rounds, each of M/10 model runs (default 100)
  --seed S      seed of the fit (default 1)`;

/** The report files' paths beside a posterior file. */
export function reportPaths(posterior: string): { text: string; html: string } {
  const base = posterior.replace(/\.json$/, "");
  return { text: `${base}.report.txt`, html: `${base}.report.html` };
}

/** Writes text to a path atomically (a temporary file beside it, then renamed). */
function writeAtomically(path: string, text: string): void {
  Deno.mkdirSync(dirname(resolve(path)), { recursive: true });
  const temp = `${path}.tmp-${Deno.pid}`;
  Deno.writeTextFileSync(temp, text);
  Deno.renameSync(temp, path);
}

export class CalibrateProblems extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
  }
}

export function commandCalibrate(args: string[]): number {
  const p = parseArgs(args, ["samples", "draws", "rounds", "seed", "out"]);
  if (p.positional.length !== 1) {
    throw new UsageError(`calibrate takes one study file\n\n${CALIBRATE_HELP}`);
  }
  const path = p.positional[0];
  const samples = intOption(p, "samples", 10, 1_000_000) ?? 20_000;
  const draws = intOption(p, "draws", 1, 10_000) ?? 1000;
  const rounds = intOption(p, "rounds", 0, 1000) ?? 100;
  const seedText = stringOption(p, "seed");
  if (seedText !== undefined && seedText.length > MAX_SEED_LENGTH) {
    throw new UsageError(`--seed must be at most ${MAX_SEED_LENGTH} characters`);
  }
  const seed = seedText === undefined ? 1 : /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
  const file = loadStudyFile(path, undefined, { posterior: "skip" });
  if (!file.loaded) throw new CalibrateProblems(file.problems);
  const { loaded } = file;
  if (!loaded.calibration) {
    throw new CalibrateProblems([
      `${path}: calibration: the study declares no calibration (add a "calibration" section with its targets and posterior file)`,
    ]);
  }
  const out = stringOption(p, "out") ?? join(dirname(path), loaded.calibration.posterior);
  const t0 = performance.now();
  const posterior = calibrate({
    input: loaded.input,
    study: loaded.study.name,
    targets: loaded.calibration.targets,
    keys: loaded.calibration.keys,
    seed,
    samples,
    draws,
    maxRounds: rounds,
    onProgress: (message) => console.error(message),
  });
  const seconds = (performance.now() - t0) / 1000;
  const reports = reportPaths(out);
  const text = calibrationReportText(posterior);
  writeAtomically(out, JSON.stringify(posterior) + "\n");
  writeAtomically(reports.text, text);
  writeAtomically(reports.html, calibrationReportHtml(posterior));
  console.log(text);
  console.log(
    `Wrote ${out} (${posterior.draws.length} draws), ${reports.text} and ${reports.html} in ${
      seconds.toFixed(1)
    } s.`,
  );
  return 0;
}
