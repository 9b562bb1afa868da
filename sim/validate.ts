/**
 * A validator for the subset of JSON Schema that study/schema.ts uses: type, const, enum,
 * properties, required, additionalProperties, items, minItems, maxItems, uniqueItems, minimum,
 * maximum, exclusiveMinimum, minLength, maxLength, pattern, oneOf, anyOf and local $ref.
 * Every problem names its JSON path, what was found and what was expected, and suggests the
 * nearest allowed key for a misspelt one. Input is walked by its own properties only, so keys
 * such as `__proto__`, `constructor` or `toString` are unknown fields like any other.
 */
import type { Problem } from "./problems.ts";
import { show } from "./problems.ts";
import type { Schema } from "./study/schema.ts";

/** `record[key]` when `key` is the record's own property (never an inherited one), else undefined. */
export function own<T>(record: Record<string, T> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Edit distance (Levenshtein), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * The closest candidate within a small edit distance (or equal ignoring case), if any.
 * Candidates whose length alone puts them out of reach are skipped, so a long word costs
 * nothing.
 */
export function suggest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const reach = Math.max(2, Math.floor(word.length / 4));
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > reach) continue;
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= reach ? best : undefined;
}

/** A list of allowed names for a problem's "expected": the first `max`, then how many in all. */
export function choices(allowed: string[], max = 20): string {
  return allowed.length <= max
    ? allowed.join(", ")
    : `${allowed.slice(0, max).join(", ")}, … (${allowed.length} in all)`;
}

/** Appends a key to a JSON path: `a.b`, `a["odd key"]`, `a[3]`. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
  const step = safe ? key : `[${JSON.stringify(key)}]`;
  if (!path) return safe ? key : step;
  return safe ? `${path}.${key}` : `${path}${step}`;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const t = typeOf(value);
  if (type === "number") {
    return (t === "number" || t === "integer") && Number.isFinite(value as number);
  }
  if (type === "integer") return t === "integer" && Number.isFinite(value as number);
  return t === type;
}

function describeSchema(schema: Schema, root: Schema): string {
  const s = resolveRef(schema, root);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return `one of ${s.enum.map((e: unknown) => JSON.stringify(e)).join(", ")}`;
  if (s.type) return [s.type].flat().join(" or ");
  if (s.oneOf || s.anyOf) return s.description ?? "one of several forms";
  return "a value";
}

function resolveRef(schema: Schema, root: Schema): Schema {
  let s = schema;
  while (s.$ref) {
    const name = (s.$ref as string).replace("#/$defs/", "");
    s = {
      ...root.$defs[name],
      ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$ref")),
    };
  }
  return s;
}

/** Validates `value` against `schema`; returns every problem found. */
export function validateAgainst(
  value: unknown,
  schema: Schema,
  root: Schema = schema,
  path = "",
): Problem[] {
  const s = resolveRef(schema, root);
  const at = path || "(top level)";
  const problems: Problem[] = [];

  if (s.oneOf || s.anyOf) {
    const branches: Schema[] = s.oneOf ?? s.anyOf;
    const results = branches.map((b) => validateAgainst(value, b, root, path));
    if (results.some((r) => r.length === 0)) return [];
    // Report the branch the value was most likely meant for: one whose `const` discriminator
    // matches, else one of the same JSON type with the fewest problems.
    let best = -1;
    branches.forEach((b, i) => {
      const r = resolveRef(b, root);
      const discriminator = r.properties &&
        Object.entries(r.properties as Record<string, Schema>).find(([, p]) =>
          p.const !== undefined
        );
      if (
        discriminator && value && typeof value === "object" &&
        own(value as Record<string, unknown>, discriminator[0]) === discriminator[1].const
      ) best = i;
    });
    if (best < 0) {
      let fewest = Infinity;
      branches.forEach((b, i) => {
        const r = resolveRef(b, root);
        const sameKind = (t: string) =>
          matchesType(value, t) ||
          ((t === "number" || t === "integer") && typeof value === "number");
        const typeOk = r.type ? [r.type].flat().some(sameKind) : !!(r.oneOf || r.anyOf);
        const looksLike = typeOk && (!r.properties || !value || typeof value !== "object" ||
          Object.keys(value).some((k) => Object.hasOwn(r.properties, k)));
        if (looksLike && results[i].length < fewest) {
          fewest = results[i].length;
          best = i;
        }
      });
    }
    if (best >= 0) return results[best];
    return [{
      at,
      message: "not in any accepted form",
      found: show(value),
      expected: describeSchema(s, root),
    }];
  }

  if (s.const !== undefined && value !== s.const) {
    return [{ at, message: "wrong value", found: show(value), expected: JSON.stringify(s.const) }];
  }
  if (s.enum && !s.enum.some((e: unknown) => e === value)) {
    const suggestion = typeof value === "string"
      ? suggest(value, s.enum.filter((e: unknown) => typeof e === "string"))
      : undefined;
    return [{
      at,
      message: "not an allowed value",
      found: show(value),
      expected: describeSchema(s, root),
      suggestion,
    }];
  }
  if (s.type) {
    const types = [s.type].flat() as string[];
    if (!types.some((t) => matchesType(value, t))) {
      const nonFinite = typeof value === "number" && !Number.isFinite(value);
      return [{
        at,
        message: nonFinite
          ? "numbers must be finite"
          : value === undefined
          ? "missing"
          : "wrong type",
        found: show(value),
        expected: types.join(" or "),
      }];
    }
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) {
      problems.push({
        at,
        message: "too small",
        found: show(value),
        expected: `at least ${s.minimum}`,
      });
    }
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) {
      problems.push({
        at,
        message: "too small",
        found: show(value),
        expected: `above ${s.exclusiveMinimum}`,
      });
    }
    if (s.maximum !== undefined && value > s.maximum) {
      problems.push({
        at,
        message: "too large",
        found: show(value),
        expected: `at most ${s.maximum}`,
      });
    }
  }
  if (typeof value === "string") {
    if (s.minLength !== undefined && value.length < s.minLength) {
      problems.push({
        at,
        message: "too short",
        found: show(value),
        expected: `at least ${s.minLength} characters`,
      });
    }
    if (s.maxLength !== undefined && value.length > s.maxLength) {
      problems.push({
        at,
        message: "too long",
        found: `${value.length} characters`,
        expected: `at most ${s.maxLength}`,
      });
    }
    if (s.pattern && !new RegExp(s.pattern).test(value)) {
      problems.push({
        at,
        message: "contains characters that are not allowed",
        found: show(value),
        expected: "letters, digits, '-', '_' (and '.' for areas), starting with a letter or digit",
      });
    }
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) {
      problems.push({
        at,
        message: "too few items",
        found: String(value.length),
        expected: `at least ${s.minItems}`,
      });
    }
    if (s.maxItems !== undefined && value.length > s.maxItems) {
      problems.push({
        at,
        message: "too many items",
        found: String(value.length),
        expected: `at most ${s.maxItems}`,
      });
    }
    if (s.uniqueItems) {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) {
          problems.push({
            at: joinPath(path, i),
            message: "repeated item",
            found: show(item),
            expected: "each item once",
          });
        }
        seen.add(key);
      });
    }
    if (s.items) {
      value.forEach((item, i) =>
        problems.push(...validateAgainst(item, s.items, root, joinPath(path, i)))
      );
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of s.required ?? []) {
      if (!Object.hasOwn(obj, key)) {
        problems.push({
          at: joinPath(path, key),
          message: "required field is missing",
          expected: describeSchema(own(props, key) ?? {}, root),
        });
      }
    }
    for (const [key, v] of Object.entries(obj)) {
      if (Object.hasOwn(props, key)) {
        problems.push(...validateAgainst(v, props[key], root, joinPath(path, key)));
      } else if (s.additionalProperties === false) {
        problems.push({
          at: joinPath(path, key),
          message: "unknown field",
          expected: Object.keys(props).join(", "),
          suggestion: suggest(key, Object.keys(props)),
        });
      } else if (s.additionalProperties && typeof s.additionalProperties === "object") {
        problems.push(...validateAgainst(v, s.additionalProperties, root, joinPath(path, key)));
      }
    }
  }
  return problems;
}
