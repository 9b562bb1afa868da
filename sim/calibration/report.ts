/**
 * The calibration report, as text (printed by `sim calibrate`) and as a self-contained HTML
 * page: each target against the fit (prior and posterior intervals, the deterministic value),
 * each parameter's prior against its posterior, the effective sample size and every warning.
 */
import type { PosteriorFile, TargetInterval } from "./format.ts";

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function num(x: number): string {
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return x.toExponential(2);
  return x.toPrecision(3);
}

function show(kind: "growth" | "level", x: number): string {
  return kind === "growth" ? pct(x) : num(x);
}

function range(kind: "growth" | "level", r: { low: number; high: number }): string {
  return `${show(kind, r.low)} to ${show(kind, r.high)}`;
}

function targetText(kind: "growth" | "level", t: TargetInterval): string {
  return `${show(kind, t.central)} (${range(kind, t)}, ${Math.round(t.level * 100)}%)`;
}

/** The report as plain text. */
export function calibrationReportText(file: PosteriorFile): string {
  const r = file.report;
  const cover = `${Math.round(r.interval * 100)}%`;
  const lines = [
    `Calibration of "${file.study}" (${
      file.method === "imis" ? "SIR then IMIS" : "SIR"
    }, seed ${file.seed})`,
    `Model runs ${r.samples.toLocaleString("en-GB")} (${
      file.priorSamples.toLocaleString("en-GB")
    } from the prior${
      r.imisRounds ? `, ${r.imisRounds} IMIS rounds` : ""
    }); effective sample size ${
      r.ess.toFixed(0)
    }; ${file.draws.length} draws kept, ${r.uniqueDraws} distinct.`,
    `Fitted to inputs ${file.fittedTo}.`,
    "",
    `Targets (model: ${cover} intervals over the prior and the posterior; deterministic = every parameter at its posterior or prior mean)`,
  ];
  for (const t of r.targets) {
    lines.push(
      `  ${t.inside ? " " : "!"} ${t.name}: target ${targetText(t.kind, t.target)}; deterministic ${
        show(t.kind, t.atPosteriorMeans)
      }; posterior ${show(t.kind, t.posterior.mean)} (${range(t.kind, t.posterior)}); prior ${
        show(t.kind, t.prior.mean)
      } (${range(t.kind, t.prior)})`,
    );
  }
  lines.push("", `Parameters: prior against posterior (mean, ${cover} interval)`);
  for (const p of r.parameters) {
    lines.push(
      `  ${p.key}: prior ${num(p.prior.mean)} (${num(p.prior.low)} to ${
        num(p.prior.high)
      }); posterior ${num(p.posterior.mean)} (${num(p.posterior.low)} to ${num(p.posterior.high)})`,
    );
  }
  lines.push("");
  if (r.warnings.length) {
    lines.push("Warnings:");
    for (const w of r.warnings) lines.push(`  - ${w}`);
  } else lines.push("Every target is met in the deterministic analysis.");
  return lines.join("\n") + "\n";
}

function escape(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!,
  );
}

/** A bar for one target: its interval (grey), the posterior interval (blue), the value (dot). */
function targetBar(t: PosteriorFile["report"]["targets"][number]): string {
  const xs = [t.target.low, t.target.high, t.posterior.low, t.posterior.high, t.atPosteriorMeans];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  const x = (v: number) => (10 + 380 * (v - lo + pad) / (hi - lo + 2 * pad)).toFixed(1);
  return `<svg viewBox="0 0 400 40" width="400" height="40" role="img" aria-label="${
    escape(t.name)
  }: target interval, posterior interval and deterministic value">` +
    `<rect x="${x(t.target.low)}" y="6" width="${
      (Number(x(t.target.high)) - Number(x(t.target.low))).toFixed(1)
    }" height="10" fill="#ccc"/>` +
    `<line x1="${x(t.target.central)}" x2="${x(t.target.central)}" y1="4" y2="18" stroke="#555"/>` +
    `<rect x="${x(t.posterior.low)}" y="22" width="${
      (Number(x(t.posterior.high)) - Number(x(t.posterior.low))).toFixed(1)
    }" height="8" fill="#4a7fb5"/>` +
    `<circle cx="${x(t.atPosteriorMeans)}" cy="26" r="4" fill="${
      t.inside ? "#1a5" : "#c22"
    }"/></svg>`;
}

/** The report as a self-contained HTML page. */
export function calibrationReportHtml(file: PosteriorFile): string {
  const r = file.report;
  const cover = `${Math.round(r.interval * 100)}%`;
  const rows = r.targets.map((t) =>
    `<tr><th scope="row">${escape(t.name)}</th><td>${escape(targetText(t.kind, t.target))}</td>` +
    `<td>${show(t.kind, t.atPosteriorMeans)}${t.inside ? "" : " <strong>(outside)</strong>"}</td>` +
    `<td>${show(t.kind, t.posterior.mean)} (${escape(range(t.kind, t.posterior))})</td>` +
    `<td>${show(t.kind, t.prior.mean)} (${escape(range(t.kind, t.prior))})</td>` +
    `<td>${targetBar(t)}</td></tr>`
  ).join("\n");
  const params = r.parameters.map((p) =>
    `<tr><th scope="row"><code>${escape(p.key)}</code></th><td>${num(p.prior.mean)} (${
      num(p.prior.low)
    } to ${num(p.prior.high)})</td><td>${num(p.posterior.mean)} (${num(p.posterior.low)} to ${
      num(p.posterior.high)
    })</td></tr>`
  ).join("\n");
  const warnings = r.warnings.length
    ? `<h2>Warnings</h2><ul>${r.warnings.map((w) => `<li>${escape(w)}</li>`).join("")}</ul>`
    : "<p>Every target is met in the deterministic analysis.</p>";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Calibration — ${escape(file.study)}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;max-width:75rem}table{border-collapse:collapse}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:middle}</style></head>
<body><h1>Calibration of “${escape(file.study)}”</h1>
<p>Every study whose calibration inputs hash to <code>${file.fittedTo}</code> runs on this posterior.</p>
<p>${
    file.method === "imis"
      ? "Sampling–importance–resampling, then IMIS"
      : "Sampling–importance–resampling"
  } (seed ${escape(String(file.seed))}): ${r.samples.toLocaleString("en-GB")} model runs (${
    file.priorSamples.toLocaleString("en-GB")
  } from the prior, ${r.imisRounds} IMIS rounds); effective sample size <strong>${
    r.ess.toFixed(0)
  }</strong>; ${file.draws.length} draws kept, ${r.uniqueDraws} distinct. Fitted to inputs <code>${file.fittedTo}</code>.</p>
${warnings}
<h2>Targets against the fit</h2>
<p>Grey: the target's interval (line: its central value). Blue: the posterior ${cover} interval. Dot: the deterministic analysis (green inside the target's interval, red outside). Each row has its own scale.</p>
<table><thead><tr><th>Target</th><th>Target value</th><th>Deterministic</th><th>Posterior (${cover})</th><th>Prior (${cover})</th><th></th></tr></thead>
<tbody>${rows}</tbody></table>
<h2>Parameters: prior against posterior</h2>
<table><thead><tr><th>Parameter</th><th>Prior mean (${cover})</th><th>Posterior mean (${cover})</th></tr></thead>
<tbody>${params}</tbody></table>
</body></html>
`;
}
