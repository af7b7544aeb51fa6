/** Alertmanager's routing and inhibition matching, restated for tests that amtool cannot run (time, inhibition). */

export interface AmRoute {
  receiver?: string;
  matchers?: string[];
  continue?: boolean;
  active_time_intervals?: string[];
  mute_time_intervals?: string[];
  routes?: AmRoute[];
}

export interface InhibitRule {
  source_matchers: string[];
  target_matchers: string[];
  equal: string[];
}

/** One matcher such as `severity="page"` or `priority=~"P2|P3"` (regexes anchored, as Alertmanager does). */
export function matches(matcher: string, labels: Record<string, string>): boolean {
  const m = /^(\w+)\s*(=~|!~|!=|=)\s*(".*")$/.exec(matcher);
  if (!m) throw new Error(`cannot read matcher ${matcher}`);
  const [, name, op, quoted] = m;
  const value = labels[name!] ?? "";
  const want = JSON.parse(quoted!) as string;
  if (op === "=") return value === want;
  if (op === "!=") return value !== want;
  const re = new RegExp(`^(?:${want})$`);
  return op === "=~" ? re.test(value) : !re.test(value);
}

const all = (ms: string[] | undefined, labels: Record<string, string>) =>
  (ms ?? []).every((m) => matches(m, labels));

export interface Leaf {
  receiver: string;
  /** The time intervals of the route the alert stops at (none: notifies at any hour). */
  active: string[];
  path: AmRoute[];
}

/** The routes an alert stops at, each with the receiver it inherits, as Alertmanager's Route.Match walks them. */
export function leaves(route: AmRoute, labels: Record<string, string>, parents: AmRoute[] = []): Leaf[] {
  if (!all(route.matchers, labels)) return [];
  const path = [...parents, route];
  const found: Leaf[] = [];
  for (const child of route.routes ?? []) {
    const got = leaves(child, labels, path);
    found.push(...got);
    if (got.length > 0 && !child.continue) break;
  }
  if (found.length > 0) return found;
  const receiver = [...path].reverse().find((r) => r.receiver)?.receiver ?? "";
  return [{ receiver, active: route.active_time_intervals ?? [], path }];
}

/** Whether a firing alert with `source` labels inhibits one with `target` labels under these rules. */
export function inhibits(
  rules: InhibitRule[],
  source: Record<string, string>,
  target: Record<string, string>,
): boolean {
  return rules.some(
    (r) =>
      all(r.source_matchers, source) &&
      all(r.target_matchers, target) &&
      r.equal.every((l) => (source[l] ?? "") === (target[l] ?? "")),
  );
}
