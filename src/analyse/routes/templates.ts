import { isMap, isScalar, LineCounter, parseDocument, type Node } from "yaml";
import type { TextFile } from "../context.js";
import type { Route } from "../facts.js";
import { joinPath, normaliseMethod } from "./paths.js";

/**
 * HTTP events of functions in a Serverless Framework file (`functions.x.events[].http|httpApi`) or a SAM
 * template (`AWS::Serverless::Function` events of type Api or HttpApi). A function with a `{proxy+}` catch-all
 * hands every request to a framework inside it, whose own routes are read from its code: its events are left out.
 */
export function templateRoutes(file: TextFile): Route[] {
  const lines = new LineCounter();
  // SAM's !Ref, !Sub and !GetAtt are unknown tags to a YAML parser: they are read as plain values.
  const doc = parseDocument(file.text, { lineCounter: lines, prettyErrors: false, logLevel: "silent" });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const routes: Route[] = [];
  let fn: Route[] = [];
  let proxied = false;
  const done = () => {
    if (!proxied) routes.push(...fn);
    fn = [];
    proxied = false;
  };
  const add = (method: unknown, path: unknown, node: Node | null | undefined) => {
    if (typeof method !== "string" || typeof path !== "string") return;
    if (path.includes("{proxy+}")) proxied = true;
    const line = node?.range ? lines.linePos(node.range[0]).line : 1;
    fn.push({
      method: normaliseMethod(method),
      path: joinPath("/", path),
      framework: "lambda",
      evidence: { file: file.rel, line },
    });
  };
  const functions = doc.get("functions");
  if (isMap(functions))
    for (const fn of functions.items) {
      const events = isMap(fn.value) ? fn.value.get("events") : undefined;
      for (const event of (events as { items?: unknown[] } | undefined)?.items ?? []) {
        if (!isMap(event)) continue;
        const http = event.get("http", true) ?? event.get("httpApi", true);
        if (isScalar(http) && typeof http.value === "string") {
          const [method, path] = http.value.trim().split(/\s+/);
          add(method, path, http);
        } else if (isMap(http)) add(http.get("method"), http.get("path"), http);
      }
      done();
    }
  const resources = doc.get("Resources");
  if (isMap(resources))
    for (const resource of resources.items) {
      const value = resource.value;
      if (!isMap(value) || value.get("Type") !== "AWS::Serverless::Function") continue;
      const events = value.getIn(["Properties", "Events"]);
      if (!isMap(events)) continue;
      for (const event of events.items) {
        const e = event.value;
        if (!isMap(e) || !["Api", "HttpApi"].includes(String(e.get("Type")))) continue;
        const props = e.get("Properties", true);
        if (isMap(props)) add(props.get("Method"), props.get("Path"), props);
      }
      done();
    }
  return routes;
}
