import { existsSync } from "node:fs";
import { register } from "node:module";
import { readFile } from "node:fs/promises";
import type { Validator } from "./types.js";

let hooked = false;

interface Parser {
  parseWorkflow: (
    file: { name: string; content: string },
    trace: unknown,
  ) => { value?: unknown; context: { errors: { getErrors(): Array<{ message: string }> } } };
  convertWorkflowTemplate: (
    context: unknown,
    value: unknown,
  ) => Promise<{ errors?: Array<{ Message: string }> }>;
  NoOperationTraceWriter: new () => unknown;
}

async function loadParser(): Promise<Parser | undefined> {
  // From dist the hook is registered; under vitest (running src) vite's transform handles the JSON import.
  const hook = new URL("./json-hook.js", import.meta.url);
  if (!hooked && existsSync(hook)) register(hook);
  hooked = true;
  try {
    return (await import("@actions/workflow-parser")) as unknown as Parser;
  } catch {
    return undefined;
  }
}

/** GitHub's own workflow schema and expression parser, from @actions/workflow-parser. */
export const workflowValidator: Validator = {
  id: "github-workflow-parser",
  title: "GitHub Actions workflow schema (@actions/workflow-parser)",
  applies: (rel) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel),
  async run(files) {
    const parser = await loadParser();
    if (!parser)
      return { skipped: "@actions/workflow-parser is not installed (npm i -D @actions/workflow-parser)" };
    const problems = [];
    for (const file of files) {
      const content = await readFile(file.abs, "utf8");
      const result = parser.parseWorkflow({ name: file.rel, content }, new parser.NoOperationTraceWriter());
      const errors = result.context.errors.getErrors().map((e) => e.message);
      if (result.value && errors.length === 0) {
        const converted = await parser.convertWorkflowTemplate(result.context, result.value);
        errors.push(...(converted.errors ?? []).map((e) => e.Message));
        errors.push(...result.context.errors.getErrors().map((e) => e.message));
      }
      problems.push(...[...new Set(errors)].map((message) => ({ file: file.rel, message })));
    }
    return { problems };
  },
};
