/**
 * A term of art with its explanation: a link to the glossary whose short definition shows as a
 * tooltip on hover and on keyboard focus, and is the link's accessible description. The report
 * links to its own glossary section (GlossaryBase "").
 */
import { type ComponentChildren, createContext } from "preact";
import { useContext, useId } from "preact/hooks";
import { glossaryEntry } from "../report/glossary.ts";

/** Where glossary anchors live: the glossary page, or "" for anchors in the same document. */
export const GlossaryBase = createContext("/glossary");

export function Term({ id, children }: { id: string; children?: ComponentChildren }) {
  const entry = glossaryEntry(id);
  const base = useContext(GlossaryBase);
  const tip = `tip-${useId()}`;
  return (
    <span class="term">
      <a href={`${base}#${id}`} aria-describedby={tip}>{children ?? entry.term}</a>
      <span role="tooltip" id={tip} class="tip">{entry.short}</span>
    </span>
  );
}
