/** Reading a study from an API request: `{ "study": …, "csv": "…" }` or the study itself. */
import { type PreparedStudy, prepareStudy } from "../sim/study/prepare.ts";
import { problemResponse, readJsonBody } from "./limits.ts";
import { readShippedCsv } from "./shipped.ts";

export interface StudyRequest {
  loaded: PreparedStudy;
  studyText: string;
  csvText: string | null;
  body: Record<string, unknown>;
}

export async function readStudyRequest(
  req: Request,
): Promise<{ request?: StudyRequest; error?: Response }> {
  const { body, error } = await readJsonBody(req);
  if (error) return { error };
  const wrapped = "study" in body!;
  const raw = wrapped ? body!.study : body;
  const studyText = typeof raw === "string" ? raw : JSON.stringify(raw);
  const csvText = wrapped && typeof body!.csv === "string" ? body!.csv : null;
  const { loaded, problems } = prepareStudy(studyText, (path) => {
    const text = csvText ?? readShippedCsv(path);
    return text === null
      ? {
        problem: {
          at: "population.path",
          message: "no CSV was sent with the study",
          found: path,
          expected: 'a "csv" field holding the table',
        },
      }
      : { text };
  });
  if (!loaded) return { error: problemResponse(422, problems) };
  return { request: { loaded, studyText, csvText, body: body! } };
}
