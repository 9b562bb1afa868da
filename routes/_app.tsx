/**
 * The page shell: head, skip links, header with the site's navigation, the rendered page, the
 * sign convention (stated once on every page) and the bundles of the islands the page uses.
 */
import { SIGN_CONVENTION } from "../report/verdict.ts";

/** Skip links of a page that does not name its own: straight to its main content. */
export const DEFAULT_SKIP_LINKS: [string, string][] = [["#main", "Skip to main content"]];

export default function App(
  { title, islands, body, skipLinks = DEFAULT_SKIP_LINKS }: {
    title: string;
    islands: string[];
    body: string;
    skipLinks?: [string, string][];
  },
) {
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/static/styles.css" />
        <link rel="icon" href="data:," />
        {islands.map((name) => (
          <script
            key={name}
            type="module"
            src={`/static/build/${name}.js`}
          />
        ))}
      </head>
      <body>
        <nav class="skip-links" aria-label="Skip links">
          {skipLinks.map(([href, label]) => <a key={href} class="skip" href={href}>{label}</a>)}
        </nav>
        <header class="site">
          <a href="/" class="brand">Careshift</a>
          <span class="tagline">Care-model redesign: activity, cost and inequalities</span>
          <nav aria-label="Site">
            <a href="/">Studies</a>
            <a href="/glossary">Glossary</a>
          </nav>
        </header>
        <div id="page" dangerouslySetInnerHTML={{ __html: body }} />
        <footer class="site">
          <p>
            <strong>Sign convention:</strong> {SIGN_CONVENTION}{" "}
            <a href="/glossary">Glossary of terms</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
