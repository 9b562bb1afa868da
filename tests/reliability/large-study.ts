/** A generated study of any size, for the work-budget tests. */

/** A study with `areas` neighbourhoods, `scenarios` one-intervention scenarios, 50 years, monthly. */
export function largeStudy(areas: number, scenarios: number) {
  const list: Record<string, unknown>[] = [{ id: "place", name: "Place", level: "place" }];
  for (let i = 0; i < areas; i++) {
    list.push({
      id: `n${i}`,
      name: `Neighbourhood ${i}`,
      level: "neighbourhood",
      parent: "place",
      scale: 1 / areas,
    });
  }
  const interventions = Array.from({ length: scenarios }, (_, i) => ({
    id: `iv${i}`,
    name: `Intervention ${i}`,
    target: { ageBands: ["75+"] },
    uptake: 0.3,
    costPerParticipant: 200,
    effects: { activity: { nonElective: 0.9 } },
  }));
  return {
    name: "Large",
    horizonYears: 50,
    cyclesPerYear: 12,
    iterations: 1,
    areas: list,
    interventions,
    scenarios: interventions.map((iv, i) => ({ name: `Scenario ${i}`, interventions: [iv.id] })),
  };
}
