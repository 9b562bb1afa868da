/**
 * A chart drawn with Observable Plot in the browser, with its text alternative and data table.
 * On the server it renders an empty box of the chart's height, so nothing jumps on hydration.
 */
import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "preact/hooks";
import type { Chart } from "../report/charts/chart.ts";
import { DataTable } from "./DataTable.tsx";

export function PlotFigure({ chart }: { chart: Chart }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const width = Math.max(320, Math.min(box.current.clientWidth || 640, 900));
    const node = Plot.plot({ ...chart.options, width } as Plot.PlotOptions);
    box.current.replaceChildren(node as unknown as Node);
    return () => (node as unknown as { remove(): void }).remove();
  }, [chart]);
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
      <DataTable rows={chart.table} />
    </figure>
  );
}
