import type { ComponentChildren } from "preact";

/**
 * A table that scrolls sideways inside itself on a narrow screen (the page never does): a
 * labelled region that takes keyboard focus, so its hidden columns can be reached without a
 * mouse.
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
