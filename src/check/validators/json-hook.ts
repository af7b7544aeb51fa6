// Module loader hook: @actions/workflow-parser imports its schema JSON without `with { type: "json" }`,
// which Node 20 rejects. This hook adds the attribute for .json files only.
interface LoadContext {
  importAttributes?: Record<string, string>;
  format?: string;
}
type NextLoad = (url: string, context: LoadContext) => Promise<unknown>;

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<unknown> {
  if (url.endsWith(".json") && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}
