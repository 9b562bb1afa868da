/**
 * A chart drawn with Observable Plot in the browser, with its text alternative, its data table
 * and downloads as SVG and PNG. Plot's ARIA labels are removed at the source (plot-dom.ts): the
 * chart is one image whose description is its text alternative. On the server it renders an
 * empty box of the chart's height, so nothing jumps on hydration.
 */
import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "preact/hooks";
import type { Chart } from "../report/charts/chart.ts";
import { accessiblePlot } from "../report/charts/plot-dom.ts";
import { fitWidth } from "../report/charts/fit-width.ts";
import { slug } from "../report/format.ts";
import { chartAsSvg, svgAsPng } from "../client/chart-export.ts";
import { download } from "../client/download.ts";
import { DataTable } from "./DataTable.tsx";

export function PlotFigure({ chart }: { chart: Chart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const width = Math.max(280, Math.min(box.current.clientWidth || 640, 900));
    const node = accessiblePlot(
      Plot.plot(fitWidth(chart.options as Plot.PlotOptions, width)) as unknown as Element,
    );
    box.current.replaceChildren(node);
    return () => node.remove();
  }, [chart]);
  const name = slug(chart.title);
  const save = async (kind: "svg" | "png") => {
    if (!box.current) return;
    const { svg, width, height } = chartAsSvg(box.current, chart.title);
    if (kind === "svg") download(`${name}.svg`, "image/svg+xml", svg);
    else download(`${name}.png`, "image/png", await svgAsPng(svg, width, height));
  };
  return (
    <figure data-chart={chart.id}>
      <figcaption>{chart.title}</figcaption>
      <div
        class="chart"
        ref={box}
        role="img"
        aria-label={chart.alt}
        style={{ minHeight: `${chart.options.height ?? 300}px` }}
      />
      <p class="alt">{chart.alt}</p>
      <p class="small chart-tools">
        Download the chart:{" "}
        <button
          type="button"
          class="secondary small"
          aria-label={`Download “${chart.title}” as SVG`}
          onClick={() => save("svg")}
        >
          SVG
        </button>{" "}
        <button
          type="button"
          class="secondary small"
          aria-label={`Download “${chart.title}” as PNG`}
          onClick={() => save("png")}
        >
          PNG
        </button>
      </p>
      <DataTable rows={chart.table} />
    </figure>
  );
}
