/**
 * `sim check --junit FILE`: JUnit XML, one test suite per study and one test case per
 * assertion. A failed assertion is a `<failure>` whose message holds the measured value, its
 * interval and the share of iterations where the condition held; an invalid study is one test
 * case with an `<error>` listing every problem.
 *
 * The document is valid against docs/ci/junit.xsd, which is the common ground of the two
 * schemas CI systems read JUnit XML by: the Apache Ant JUnit schema (windyroad JUnit.xsd:
 * `<testsuites>` without attributes; each suite with package, id, timestamp, hostname, time,
 * properties, system-out and system-err; each case with name, classname and time and at most
 * one failure or error) and Jenkins' xunit junit-10.xsd (time as digits with a decimal point).
 * GitHub test reporters, GitLab (`artifacts:reports:junit`) and Jenkins read it.
 */
import type { CheckedStudy, CheckRecord, InvalidStudy } from "./check-outcome.ts";
import { outcomeDetail, outcomeLine } from "./check-outcome.ts";

/** Characters XML 1.0 does not allow (controls other than tab, newline, return; lone surrogates). */
const NOT_XML = new RegExp(
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]" +
    "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]",
  "g",
);

/** Text content: markup characters escaped, characters XML cannot hold replaced by U+FFFD. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An attribute value: as text, plus quotes, and whitespace kept as character references. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** A name that is not blank (the schemas want names of at least one non-space character). */
const named = (text: string, fallback: string) => (text.trim() === "" ? fallback : text);

/** Seconds as the schemas' time: digits, a point, three decimals. */
const seconds = (s: number) => (Number.isFinite(s) && s > 0 ? s : 0).toFixed(3);

function element(
  name: string,
  attributes: [string, string | number][],
  children: string[] | string | null,
  indent: string,
): string {
  const attrs = attributes.map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`).join("");
  if (children === null) return `${indent}<${name}${attrs}/>`;
  if (typeof children === "string") return `${indent}<${name}${attrs}>${children}</${name}>`;
  return `${indent}<${name}${attrs}>\n${children.join("\n")}\n${indent}</${name}>`;
}

function studySuite(r: CheckedStudy, id: number, timestamp: string): string {
  const failures = r.assertions.filter((a) => !a.passed).length;
  const p = r.provenance;
  const properties: [string, string | number | null][] = [
    ["file", r.file],
    ["studyHash", p.studyHash],
    ["inputHash", p.inputHash],
    ["engineVersion", p.engineVersion],
    ["denoVersion", p.denoVersion],
    ["seed", p.seed],
    ["iterations", p.iterations],
    ["uncertainty", p.uncertainty],
    ...(p.calibration ? [["posteriorHash", p.calibration.posteriorHash] as [string, string]] : []),
    ["interval", r.interval],
  ];
  const cases = r.assertions.map((a) => {
    const line = outcomeLine(a, r.interval);
    const attrs: [string, string][] = [
      ["name", named(a.label, `assertion on ${a.assertion.measure}`)],
      ["classname", named(r.file, "study")],
      ["time", seconds(0)],
    ];
    if (a.passed) return element("testcase", attrs, null, "  ");
    const failure = element(
      "failure",
      [["type", "assertion"], ["message", `${a.label}: ${line}`]],
      xmlText(`${line}\n${outcomeDetail(a, r.interval)}`),
      "   ",
    );
    return element("testcase", attrs, [failure], "  ");
  });
  const out = r.assertions.map((a) =>
    `${a.passed ? "PASS" : "FAIL"}  ${a.label}: ${outcomeLine(a, r.interval)}`
  ).join("\n");
  return element("testsuite", [
    ["name", named(r.name, r.file)],
    ["package", named(r.file, "study")],
    ["id", id],
    ["tests", r.assertions.length],
    ["failures", failures],
    ["errors", 0],
    ["skipped", 0],
    ["time", seconds(r.seconds)],
    ["timestamp", timestamp],
    ["hostname", "localhost"],
  ], [
    element(
      "properties",
      [],
      properties.map(([name, value]) =>
        element(
          "property",
          [["name", name], ["value", value === null ? "" : String(value)]],
          null,
          "   ",
        )
      ),
      "  ",
    ),
    ...cases,
    element("system-out", [], xmlText(out), "  "),
    element("system-err", [], "", "  "),
  ], " ");
}

function invalidSuite(r: InvalidStudy, id: number, timestamp: string): string {
  const count = r.problems.length;
  const message = `the study is invalid (${count} problem${count === 1 ? "" : "s"})${
    count ? `: ${r.problems[0]}` : ""
  }`;
  const error = element(
    "error",
    [["type", "invalid-study"], ["message", message]],
    xmlText(r.problems.join("\n")),
    "   ",
  );
  return element("testsuite", [
    ["name", named(r.file, "study")],
    ["package", named(r.file, "study")],
    ["id", id],
    ["tests", 1],
    ["failures", 0],
    ["errors", 1],
    ["skipped", 0],
    ["time", seconds(r.seconds)],
    ["timestamp", timestamp],
    ["hostname", "localhost"],
  ], [
    element("properties", [], [
      element("property", [["name", "file"], ["value", r.file]], null, "   "),
    ], "  "),
    element(
      "testcase",
      [
        ["name", "the study is valid"],
        ["classname", named(r.file, "study")],
        ["time", seconds(0)],
      ],
      [error],
      "  ",
    ),
    element("system-out", [], xmlText(r.problems.join("\n")), "  "),
    element("system-err", [], "", "  "),
  ], " ");
}

/** The JUnit XML of a check (`now` stamps every suite, in UTC without a zone, as the schema asks). */
export function junitXml(records: CheckRecord[], now: Date): string {
  const timestamp = now.toISOString().slice(0, 19);
  const suites = records.map((r, id) =>
    r.valid ? studySuite(r, id, timestamp) : invalidSuite(r, id, timestamp)
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${
    suites.length ? `<testsuites>\n${suites.join("\n")}\n</testsuites>` : "<testsuites/>"
  }\n`;
}
