/**
 * Publishes the study format's schema (deno task schema): scenarios/schema.json, the current
 * version, from the schema the validator uses; and the same as scenarios/schema/vN.json, N the
 * current version. Older versions' files are left as they were published.
 */
import { STUDY_SCHEMA } from "../sim/study/schema.ts";
import { SCHEMA_VERSION } from "../sim/study/versions.ts";

/** scenarios/schema.json: the current version. */
export function schemaText(): string {
  return JSON.stringify(STUDY_SCHEMA, null, 2) + "\n";
}

/** scenarios/schema/vN.json for the current N: the same schema under its versioned id. */
export function versionedSchemaText(): string {
  return JSON.stringify(
    { ...STUDY_SCHEMA, $id: `https://careshift.example/scenarios/schema/v${SCHEMA_VERSION}.json` },
    null,
    2,
  ) + "\n";
}

if (import.meta.main) {
  const current = new URL("../scenarios/schema.json", import.meta.url);
  const versioned = new URL(`../scenarios/schema/v${SCHEMA_VERSION}.json`, import.meta.url);
  Deno.writeTextFileSync(current, schemaText());
  Deno.writeTextFileSync(versioned, versionedSchemaText());
  console.log(`Wrote ${current.pathname} and ${versioned.pathname}`);
}
