/**
 * Observable Plot's output made fit for assistive technology, in the browser and in the report
 * alike (a DOM or linkedom node). Plot labels its groups with `aria-label` ("dot", "x-axis
 * tick"), which ARIA prohibits on elements without a role; those labels name marks, not data.
 * The chart's own text alternative and data table describe it, so the labels are removed and
 * every SVG is hidden from the accessibility tree (the figure around it is one image).
 */
export function accessiblePlot<T extends Element>(node: T): T {
  const all = [node, ...Array.from(node.querySelectorAll("*"))];
  for (const el of all) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
    if (el.tagName.toLowerCase() === "svg") el.setAttribute("aria-hidden", "true");
  }
  return node;
}
