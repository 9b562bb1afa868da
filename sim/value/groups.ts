/**
 * Parameter groups for EVPPI: those a study names (`value.evppi`, keys or patterns where "*"
 * stands for any characters), or by default one group per kind of parameter — each
 * intervention's effects, uptake and costs, utilities, mortality, population change, complexity moves, and the rest
 * of the baseline. Only parameters that vary between iterations belong to a group.
 */
import type { Registry } from "../parameters.ts";
import type { InterventionSpec } from "../types.ts";
import type { EvppiGroup } from "./settings.ts";

/** A parameter pattern as a regular expression ("*" any characters, the rest literal). */
export function patternExpression(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}

/** The keys a pattern matches. */
export function matchingKeys(pattern: string, keys: string[]): string[] {
  const re = patternExpression(pattern);
  return keys.filter((k) => re.test(k));
}

export interface ResolvedGroup {
  name: string;
  /** Registry indices of the group's varying parameters. */
  indices: number[];
  keys: string[];
}

/** Whether a parameter's distribution gives more than one value. */
export function varies(registry: Registry, index: number): boolean {
  return registry.distributions[index].dist !== "fixed";
}

/** The default groups of a study's registry. */
export function defaultGroups(
  registry: Registry,
  interventions: InterventionSpec[],
): EvppiGroup[] {
  const keys = registry.keys.filter((_, i) => varies(registry, i));
  const seen = new Set<string>();
  const groups: EvppiGroup[] = [];
  for (const iv of interventions) {
    const key = iv.parameterKey ?? iv.id;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = interventions.find((x) => x.id === key)?.name ?? iv.name;
    groups.push({ name: `Effects: ${name}`, parameters: [`interventions.${key}.effects.*`] });
    groups.push({
      name: `Uptake and costs: ${name}`,
      parameters: [
        `interventions.${key}.uptake.*`,
        `interventions.${key}.costPerParticipant`,
        `interventions.${key}.fixedCostPerYear`,
      ],
    });
  }
  groups.push({ name: "Utilities", parameters: ["utility.*"] });
  groups.push({
    name: "Mortality",
    parameters: ["mortalityMultiplier", "deathRate.*", "deathHazardRatio.*"],
  });
  groups.push({
    name: "Complexity moves",
    parameters: ["transitions.*", "deprivationWorseningRatio"],
  });
  groups.push({
    name: "Population change",
    parameters: ["entrantsPer1000", "netMigrationPer1000.*"],
  });
  const claimed = new Set(
    groups.flatMap((g) => g.parameters.flatMap((p) => matchingKeys(p, keys))),
  );
  const rest = keys.filter((k) => !claimed.has(k));
  if (rest.length) groups.push({ name: "Other baseline parameters", parameters: rest });
  return groups;
}

/**
 * The study's groups (or the default ones) as registry indices of varying parameters; a study's
 * group with none keeps its place (reported as not estimated), an empty default group is dropped.
 */
export function resolveGroups(
  registry: Registry,
  interventions: InterventionSpec[],
  written: EvppiGroup[] | null,
): ResolvedGroup[] {
  const groups = written ?? defaultGroups(registry, interventions);
  return groups.map((g) => {
    const indices = [
      ...new Set(g.parameters.flatMap((p) => matchingKeys(p, registry.keys))),
    ].map((k) => registry.index.get(k)!).filter((i) => varies(registry, i)).sort((a, b) => a - b);
    return { name: g.name, indices, keys: indices.map((i) => registry.keys[i]) };
  }).filter((g) => written !== null || g.indices.length > 0);
}
