import { loadStudyFile } from "./cli/files.ts";
import { describeResolved } from "./sim/resolved.ts";
const { loaded, problems } = loadStudyFile(Deno.args[0]);
if (!loaded) { console.log(problems); Deno.exit(1); }
const r = describeResolved(loaded.model, loaded.options);
console.log(r.interventions.map((i) => [i.id, i.utilityGain]));
console.log(Object.keys(r.parameters).filter((k) => k.includes("utility")));
