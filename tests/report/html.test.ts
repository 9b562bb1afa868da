/** The self-contained HTML report. */
import assert from "node:assert/strict";
import { escapeHtml, reportHtml } from "../../report/html.tsx";
import { exampleRun, exampleStudyFile } from "./fixture.ts";

Deno.test("the report holds the study, the comparison, assertions, contributions and charts", async () => {
  const { results, decompositions } = await exampleRun();
  const study = exampleStudyFile("Example <study> & co");
  const html = reportHtml(study, results, [{
    assertion: { scenario: "Frailty", measure: "discounted.cost.total", below: 0 },
    label: "Frailty, year 10: change in discounted.cost.total < 0 (mean)",
    unit: "£",
    passed: true,
    year: 10,
    mean: -1,
    low: -2,
    high: 0,
    share: 0.9,
  }], decompositions);
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<title>Example &lt;study&gt; &amp; co — Careshift report<\/title>/);
  assert.doesNotMatch(html, /<study>/);
  assert.match(html, /Comparison with the baseline/);
  assert.match(html, /Probability of saving money/);
  assert.match(html, /class="pass">holds/);
  assert.match(html, /Which interventions move the result/);
  assert.match(html, /Evidence: Source of falls/);
  assert.ok((html.match(/<svg/g) ?? []).length >= 8, "six charts and two waterfalls");
  assert.doesNotMatch(html, /<script/);
  // The verdict, scenarios against each other, the sign convention, the assumptions, a glossary.
  assert.match(html, /<h2>Verdict<\/h2>/);
  assert.match(html, /Saves money\?/);
  assert.match(html, /Frailty \+ falls against Frailty/);
  assert.match(html, /Sign convention:<\/strong> Every difference is scenario − baseline/);
  assert.match(html, /<h2>Assumptions as entered<\/h2>/);
  assert.match(html, /Uptake in Q1 \(most deprived\)/);
  assert.match(html, /<dt id="sii">SII/);
  assert.match(html, /href="#sii"/, "terms link to the report's own glossary");
  // How the run was made, from the results themselves.
  assert.match(html, /Monte Carlo: 40 iterations, seed 8/);
  // Money in the assertions table carries its £.
  assert.match(html, /<td>−\u2060?£1<\/td>/);
  // One h1, headings in order.
  assert.equal((html.match(/<h1/g) ?? []).length, 1);
});

Deno.test("escaping", () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});
