/**
 * Journeys: synthetic people drawn through the cohort model's rates, one timeline each, in the
 * baseline and in a scenario with common random numbers (docs/model.md, "Journeys"). They are
 * drawn from the model, not from anyone's record. Pure: no I/O.
 *
 * - `journeyModel` (journeys/setup.ts): the rates of one set of parameter values and each
 *   intervention's enrolled shares from a deterministic run of the whole population;
 * - `resolveCohort`, `parseCohortText` (journeys/cohort.ts): the starting cohort;
 * - `drawJourneys` (journeys/draw.ts): the people, event by event;
 * - `chooseJourneys`, `choosePeople` (journeys/select.ts): people at random or at percentiles
 *   of cost;
 * - `compareWithCohort` (journeys/reference.ts): their averages against the cohort model's
 *   values for the cohort starting alone.
 */
export * from "./journeys/cohort.ts";
export * from "./journeys/setup.ts";
export * from "./journeys/draw.ts";
export * from "./journeys/totals.ts";
export * from "./journeys/reference.ts";
export * from "./journeys/select.ts";
export * from "./journeys/default-cohort.ts";
