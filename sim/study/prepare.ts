/**
 * From study text to a prepared model: parse, schema-check, read the segmentation (the example
 * place, or CSV text the caller has read), semantic checks, resolve defaults, prepare the model
 * and check that every assertion names a measure that exists. No I/O: the caller reads files.
 * Every problem is collected; the caller gets either a prepared study or the full list.
 */
import { assertableMeasures } from "../assertions.ts";
import { EXAMPLE_PLACE_CSV } from "../example-place.ts";
import { type Model, prepareModel } from "../model.ts";
import { InputError, type Problem } from "../problems.ts";
import { parseSegmentation } from "../segmentation.ts";
import { checkStudy } from "./check.ts";
import type { Study } from "./format.ts";
import { parseStudy } from "./parse.ts";
import { resolveStudy } from "./resolve.ts";
import type { ModelInput, RunOptions } from "../types.ts";
import { suggest } from "../validate.ts";
import { matchingKeys } from "../value/groups.ts";

export interface PreparedStudy {
  study: Study;
  input: ModelInput;
  options: RunOptions;
  model: Model;
}

/**
 * `readCsv` returns the text of the study's segmentation CSV (path as written in the study), or
 * a problem saying why it cannot; it is only called for `population.source = "csv"`.
 * `beforePrepare`, when given, sees the resolved input before the model is prepared and may
 * refuse it (e.g. a run over the host's work budget, sim/work.ts).
 */
export function prepareStudy(
  text: string,
  readCsv: (path: string) => { text?: string; problem?: Problem },
  beforePrepare?: (input: ModelInput, options: RunOptions) => Problem[],
): { loaded?: PreparedStudy; problems: Problem[] } {
  const { study, problems } = parseStudy(text);
  if (!study) return { problems };
  let csv = EXAMPLE_PLACE_CSV;
  let csvFile: string | undefined;
  if (study.population?.source === "csv") {
    if (!study.population.path) {
      return { problems: [{ at: "population.path", message: "a CSV population needs a path" }] };
    }
    const read = readCsv(study.population.path);
    if (read.text === undefined) {
      return {
        problems: [read.problem ?? { at: "population.path", message: "cannot read the CSV" }],
      };
    }
    csv = read.text;
    csvFile = study.population.path;
  }
  const seg = parseSegmentation(csv);
  if (seg.problems.length) {
    return { problems: seg.problems.map((p) => ({ ...p, file: csvFile ?? p.file })) };
  }
  const semantic = checkStudy(study, seg.segments);
  if (semantic.length) return { problems: semantic };
  const { input, options } = resolveStudy(study, seg.segments);
  const refused = beforePrepare?.(input, options) ?? [];
  if (refused.length) return { problems: refused };
  let model: Model;
  try {
    model = prepareModel(input);
  } catch (error) {
    if (error instanceof InputError) return { problems: error.problems };
    throw error;
  }
  const measures: string[] = assertableMeasures(model);
  const measureProblems: Problem[] = [];
  (study.assertions ?? []).forEach((a, i) => {
    if (!measures.includes(a.measure)) {
      measureProblems.push({
        at: `assertions[${i}].measure`,
        message: "unknown measure",
        found: JSON.stringify(a.measure),
        expected:
          "a measure such as discounted.cost.total, activity.nonElective or sii.nonElective",
        suggestion: suggest(a.measure, measures),
      });
    }
  });
  // EVPPI groups name parameters of the registry, which exists only now.
  (study.value?.evppi ?? []).forEach((g, i) =>
    g.parameters.forEach((pattern, j) => {
      if (matchingKeys(pattern, model.registry.keys).length) return;
      measureProblems.push({
        at: `value.evppi[${i}].parameters[${j}]`,
        message: "matches no parameter",
        found: JSON.stringify(pattern),
        expected:
          'a parameter key such as deathRate.75+ or a pattern such as "interventions.*.effects.*" (sim resolve lists them)',
        suggestion: suggest(pattern, model.registry.keys),
      });
    })
  );
  if (measureProblems.length) return { problems: measureProblems };
  return { loaded: { study, input, options, model }, problems: [] };
}
