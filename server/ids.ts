/** The forms of ids the API accepts; anything else is refused before it reaches the store. */

/** A saved study: "s-" and 8 hex digits. */
export const SAVED_ID = /^s-[a-f0-9]{8}$/;
/** A saved run: "r-" and 8 hex digits. */
export const RUN_ID = /^r-[a-f0-9]{8}$/;
/** An input hash (sim/hash.ts): 16 hex digits. */
export const INPUT_HASH = /^[a-f0-9]{16}$/;

export const isSavedId = (id: unknown): id is string => typeof id === "string" && SAVED_ID.test(id);
export const isRunId = (id: unknown): id is string => typeof id === "string" && RUN_ID.test(id);
