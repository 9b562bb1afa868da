/**
 * A chart's options fitted to the width it is drawn at. A left margin sized for long category
 * labels (a tornado's parameter names, a theograph's lanes) can leave a narrow screen no room
 * to plot, and Plot would draw bars of negative width: the margin is kept to at most
 * MAX_MARGIN_SHARE of the width, and labels longer than the margin holds are shortened with
 * "…" (each chart's table below it keeps them whole).
 */
import type * as Plot from "@observablehq/plot";

export const MAX_MARGIN_SHARE = 0.45;
/** Width of one label character, in pixels, at Plot's default 10 px sans-serif. */
const CHAR_WIDTH = 6;

type Format = ((d: unknown, i: number) => unknown) | string | null | undefined;

export function fitWidth(options: Plot.PlotOptions, width: number): Plot.PlotOptions {
  const margin = options.marginLeft;
  const limit = Math.floor(width * MAX_MARGIN_SHARE);
  if (margin === undefined || margin <= limit) return { ...options, width };
  const chars = Math.max(4, Math.floor((limit - 12) / CHAR_WIDTH));
  const y = (options.y ?? {}) as Plot.ScaleOptions & { tickFormat?: Format };
  const format = y.tickFormat;
  // A d3-format string formats numbers, which are short: left as it is.
  if (typeof format === "string") return { ...options, width, marginLeft: limit };
  const shorten = (d: unknown, i: number) => {
    const text = String(typeof format === "function" ? format(d, i) : d ?? "");
    return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
  };
  return { ...options, width, marginLeft: limit, y: { ...y, tickFormat: shorten } };
}
