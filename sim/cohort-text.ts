/**
 * The one written form of a cohort, shared by `sim run --cohort` (budgets) and `sim journeys
 * --cohort`: fields `key=value`, separated by ";" or ","; a field may list more values after
 * commas. A part with "=" starts a field, a part without one is one more value of the field
 * before it, so "age=75+;quintile=1,2", "age=75+,quintile=1,2" and "band=75+,complexity=high"
 * all read as the reader expects. `age` and `band` name the same field (an age band).
 */
export interface CohortField {
  /** The key as written ("age" is returned as "band"). */
  key: string;
  values: string[];
  /** The field as written, for messages. */
  text: string;
}

/** The fields of `text`, in order; a key without "=" comes back with no values. */
export function cohortFields(text: string): CohortField[] {
  const fields: CohortField[] = [];
  for (const raw of text.split(/[;,]/)) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    const last = fields.at(-1);
    if (eq < 0 && last && last.values.length > 0) {
      last.values.push(part);
      last.text += `,${part}`;
      continue;
    }
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? "" : part.slice(eq + 1).trim();
    fields.push({ key: key === "age" ? "band" : key, values: value ? [value] : [], text: part });
  }
  return fields;
}
