/** The page shell: head, header, the rendered page and the bundles of the islands it uses. */
export default function App(
  { title, islands, body }: { title: string; islands: string[]; body: string },
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
        <header class="site">
          <a href="/" class="brand">Careshift</a>
          <span class="tagline">Care-model redesign: activity, cost and inequalities</span>
        </header>
        <div id="page" dangerouslySetInnerHTML={{ __html: body }} />
      </body>
    </html>
  );
}
