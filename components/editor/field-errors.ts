/**
 * Fields that hold something the study cannot take (an empty or out-of-range number): each
 * reports its error here while it lasts, so the workbench can say its results are out of date
 * and hold back Run and Save until the field is put right — clearing a field never leaves old
 * results on screen as if they were current.
 */
import { createContext } from "preact";
import { useContext, useEffect } from "preact/hooks";

export interface FieldErrors {
  /** Sets (or, with null, clears) the error of the field `key`. */
  report(key: string, error: string | null): void;
}

export const FieldErrorsContext = createContext<FieldErrors>({ report: () => {} });

/** Reports this field's error while it lasts (and clears it when the field goes away). */
export function useFieldError(key: string, error: string | null): void {
  const errors = useContext(FieldErrorsContext);
  useEffect(() => {
    errors.report(key, error);
    return () => errors.report(key, null);
  }, [key, error]);
}
