/** A measure key in words for readers: "cumulative.activity.nonElective" → "Non-elective admissions". */
import { commonMeasure, type MeasureKey } from "../sim/measures.ts";
import { words } from "./assumptions.ts";

export function measureLabel(key: string): string {
  const m = commonMeasure(key as MeasureKey);
  return m ? (m.differenceLabel ?? m.label) : words(key);
}
