/**
 * Reading a study from an API request: `{ "study": …, "csv": "…" }` or the study itself. Only
 * the texts are taken here; checking them is a job (server/jobs.ts), off the event loop.
 */
import { readJsonBody } from "./body.ts";

export interface StudyRequest {
  studyText: string;
  csvText: string | null;
  body: Record<string, unknown>;
}

export async function readStudyRequest(
  req: Request,
): Promise<{ request?: StudyRequest; error?: Response }> {
  const { body, error } = await readJsonBody(req);
  if (error) return { error };
  const wrapped = Object.hasOwn(body!, "study");
  const raw = wrapped ? body!.study : body;
  const studyText = typeof raw === "string" ? raw : JSON.stringify(raw);
  const csvText = wrapped && typeof body!.csv === "string" ? body!.csv : null;
  return { request: { studyText, csvText, body: body! } };
}
