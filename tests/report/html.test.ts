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
  assert.ok((html.match(/<svg/g) ?? []).length >= 7, "five charts and two waterfalls");
  assert.doesNotMatch(html, /<script/);
});

Deno.test("escaping", () => {
  assert.equal(
    escapeHtml(`<a href="x">'&'</a>`),
    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
  );
});
