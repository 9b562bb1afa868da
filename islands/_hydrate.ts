/** Browser side of islands: hydrates every marker of one island from its serialized props. */
import { type ComponentType, h, hydrate } from "preact";

export function hydrateIslands(
  name: string,
  Component: ComponentType<Record<string, unknown>>,
): void {
  for (const el of document.querySelectorAll<HTMLElement>(`[data-island="${name}"]`)) {
    const props = JSON.parse(el.dataset.props ?? "{}");
    hydrate(h(Component, props), el);
  }
}
