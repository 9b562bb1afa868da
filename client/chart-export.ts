/**
 * A chart on screen as a file: one standalone SVG holding the chart's title, its legend (Plot
 * draws swatch legends in HTML, so they are redrawn here as SVG) and the chart itself; and the
 * same drawn onto a canvas as PNG (twice the size, for slides).
 */
const NS = "http://www.w3.org/2000/svg";

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Legend entries (colour and label) of Plot's swatch legends inside `root`. */
function swatches(root: Element): { colour: string; label: string }[][] {
  return Array.from(root.querySelectorAll("div[class*='swatches']")).map((legend) =>
    Array.from(legend.querySelectorAll("span[class*='swatch']")).flatMap((item) => {
      if (/swatches/.test(item.className)) return [];
      const svg = item.querySelector("svg");
      const colour = svg?.getAttribute("fill") ??
        svg?.querySelector("[fill]")?.getAttribute("fill") ?? "#000";
      const label = (item.textContent ?? "").trim();
      return label ? [{ colour, label }] : [];
    })
  );
}

/** The chart in `box` (Plot's output) as a standalone SVG document with `title` on top. */
export function chartAsSvg(
  box: Element,
  title: string,
): { svg: string; width: number; height: number } {
  const plots = Array.from(box.querySelectorAll("svg")).filter((s) =>
    !s.closest("div[class*='swatches']")
  ) as SVGSVGElement[];
  const width = Math.max(320, ...plots.map((s) => Number(s.getAttribute("width")) || 640));
  const parts: string[] = [];
  let y = 8;
  parts.push(
    `<text x="8" y="${y + 14}" font-size="15" font-weight="bold">${escape(title)}</text>`,
  );
  y += 28;
  for (const legend of swatches(box)) {
    let x = 8;
    for (const { colour, label } of legend) {
      const w = 22 + label.length * 6.6;
      if (x + w > width && x > 8) {
        x = 8;
        y += 20;
      }
      parts.push(
        `<rect x="${x}" y="${y}" width="14" height="14" fill="${escape(colour)}"/>` +
          `<text x="${x + 19}" y="${y + 11}" font-size="11">${escape(label)}</text>`,
      );
      x += w + 12;
    }
    y += 24;
  }
  for (const plot of plots) {
    const w = Number(plot.getAttribute("width")) || width;
    const h = Number(plot.getAttribute("height")) || 300;
    const copy = plot.cloneNode(true) as SVGSVGElement;
    copy.setAttribute("x", "0");
    copy.setAttribute("y", String(y));
    copy.setAttribute("width", String(w));
    copy.setAttribute("height", String(h));
    copy.removeAttribute("style");
    copy.removeAttribute("aria-hidden");
    parts.push(new XMLSerializer().serializeToString(copy));
    y += h + 8;
  }
  const height = Math.ceil(y);
  const svg =
    `<svg xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="10"><rect width="100%" height="100%" fill="#fff"/>${
      parts.join("")
    }</svg>`;
  return { svg, width, height };
}

/** An SVG document drawn at `scale` onto a canvas, as PNG. */
export async function svgAsPng(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d")!;
    ctx.scale(scale, scale);
    ctx.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("no PNG"))), "image/png")
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
