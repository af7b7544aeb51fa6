import { parseAllDocuments } from "yaml";
import { GovopsError } from "../errors.js";
import type { OutputFile } from "./pack.js";

/** Every rendered YAML or JSON file is parsed back before anything is written. */
export function assertParses(content: string, file: OutputFile): void {
  let problem: string | undefined;
  if (file.format === "yaml") {
    const docs = parseAllDocuments(content, { uniqueKeys: true });
    const errors = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => d.errors);
    problem = errors[0]?.message.split("\n")[0];
  } else if (file.format === "json") {
    try {
      JSON.parse(content);
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  if (problem) {
    throw new GovopsError(
      "RENDER_ERROR",
      `Rendering ${file.path} from ${file.template} produced invalid ${file.format}: ${problem}`,
      "Nothing was written. If you replaced this template, check its quoting; otherwise report a bug.",
    );
  }
}
