/** The glossary: every term of art the workbench and the report use, in plain words. */
import { GLOSSARY } from "../report/glossary.ts";

export const title = "Glossary — Careshift";

export default function Glossary() {
  return (
    <main id="main" tabIndex={-1}>
      <h1>Glossary</h1>
      <p>
        The terms the workbench and its reports use, in plain words. The sign convention every
        number follows is at the foot of each page.
      </p>
      <nav aria-label="Glossary sections">
        <ul class="inline-list">
          {GLOSSARY.map((g) => (
            <li key={g.title}>
              <a href={`#${g.title.toLowerCase().replace(/[^a-z]+/g, "-")}`}>{g.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {GLOSSARY.map((g) => (
        <section key={g.title} aria-labelledby={g.title.toLowerCase().replace(/[^a-z]+/g, "-")}>
          <h2 id={g.title.toLowerCase().replace(/[^a-z]+/g, "-")}>{g.title}</h2>
          <dl class="glossary">
            {g.entries.map((e) => (
              <div key={e.id} id={e.id} class="glossary-entry" tabIndex={-1}>
                <dt>{e.term}</dt>
                <dd>
                  {e.short}
                  {e.more && <p class="small">{e.more}</p>}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </main>
  );
}
