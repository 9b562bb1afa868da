/** Writes scenarios/schema.json from the schema the validator uses (deno task schema). */
import { STUDY_SCHEMA } from "../sim/study/schema.ts";

export function schemaText(): string {
  return JSON.stringify(STUDY_SCHEMA, null, 2) + "\n";
}

if (import.meta.main) {
  const path = new URL("../scenarios/schema.json", import.meta.url);
  Deno.writeTextFileSync(path, schemaText());
  console.log(`Wrote ${path.pathname}`);
}
