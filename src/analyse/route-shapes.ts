import type { Facts } from "./facts.js";
import { pathWords } from "./detectors/archetype-signals.js";

type Route = Facts["routes"][number];
type Signal = Facts["signals"][number];

/** Words of a route that shows figures rather than changing a record. */
const DATA_WORDS = ["dashboard", "dashboards", "statistics", "stats", "chart", "charts", "table", "tables"]
  .concat(["map", "maps", "download", "downloads", "report", "reports", "reporting", "workload", "workloads"])
  .concat(["caseload", "caseloads", "capacity", "export", "exports", "csv", "xlsx", "dataset", "datasets"]);
/** Words of a route that works on cases: records, queues, assignment, notes. */
const CASE_WORDS = [
  "case",
  "cases",
  "casework",
  "caseworker",
  "caseworkers",
  "enquiry",
  "enquiries",
  "triage",
]
  .concat(["queue", "queues", "allocation", "allocations", "allocate", "assign", "assignment", "notes"])
  .concat(["referral", "referrals", "workitem", "workitems"]);
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** A parameter segment in any spelling the route detectors keep: `:id`, `{id}`, `[id]`. */
const PARAM = /\/(:[\w$]+|\{[^}/]+\}|\[[^\]/]+\])/;

const has = (words: Set<string>, list: string[]) => list.some((w) => words.has(w));
/** `tasks` is a queue of work unless it is a form's task list. */
const isCase = (w: Set<string>) =>
  has(w, CASE_WORDS) ||
  ((w.has("task") || w.has("tasks")) && !w.has("list")) ||
  (w.has("work") && w.has("items"));

/**
 * Shapes of the whole route table, told apart by proportion rather than by one word: a dashboard's routes
 * mostly show figures, a case system's routes work on cases or update records by id.
 */
export function routeShapeSignals(routes: Route[]): Signal[] {
  const seen = new Set<string>();
  const table = routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (r.method === "HEAD" || r.method === "OPTIONS" || seen.has(key)) return false;
    return Boolean(seen.add(key));
  });
  const out: Signal[] = [];
  if (table.length === 0) return out;
  const words = table.map((r) => pathWords(r.path));
  const data = table.filter((_, i) => has(words[i]!, DATA_WORDS));
  const writes = table.filter((r, i) => WRITES.has(r.method) && !has(words[i]!, DATA_WORDS));
  // Most routes show charts, tables, downloads or reports, and they outnumber the writes.
  if (data.length >= 3 && data.length / table.length >= 0.25 && data.length > writes.length)
    out.push({
      name: "data-routes",
      evidence: { ...data[0]!.evidence, snippet: shape(data, table, data[0]!) },
    });
  const cases = table.filter((_, i) => isCase(words[i]!));
  if (cases.length >= 3 && cases.length / table.length >= 0.15)
    out.push({
      name: "case-routes",
      evidence: { ...cases[0]!.evidence, snippet: shape(cases, table, cases[0]!) },
    });
  // Records created and then updated by id, stage by stage: `POST /application/:id/screening`, `PUT /case/:id`.
  const records = writes.filter((r) => PARAM.test(r.path));
  if (records.length >= 3 && records.length / table.length >= 0.15)
    out.push({
      name: "record-updates",
      evidence: { ...records[0]!.evidence, snippet: shape(records, table, records[0]!) },
    });
  return out;
}

function shape(part: Route[], all: Route[], first: Route): string {
  return `${part.length} of ${all.length} routes, e.g. ${first.method} ${first.path}`;
}
