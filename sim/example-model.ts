/** The built-in example place as a model input: one place, a baseline, 10 years. */
import { defaultBaselineParameters } from "./defaults.ts";
import { EXAMPLE_PLACE_CSV, EXAMPLE_PLACE_NAME } from "./example-place.ts";
import { InputError } from "./problems.ts";
import { parseSegmentation } from "./segmentation.ts";
import type { ModelInput, SegmentRow } from "./types.ts";

export function exampleSegments(): SegmentRow[] {
  const { segments, problems } = parseSegmentation(EXAMPLE_PLACE_CSV);
  if (problems.length) throw new InputError(problems);
  return segments;
}

export function exampleModelInput(): ModelInput {
  return {
    segments: exampleSegments(),
    areas: [{ id: "example-place", name: EXAMPLE_PLACE_NAME, level: "place" }],
    parameters: defaultBaselineParameters(),
    interventions: [],
    scenarios: [{ name: "Baseline", interventions: [] }],
    horizonYears: 10,
    cyclesPerYear: 1,
    discountRate: 0.035,
  };
}
