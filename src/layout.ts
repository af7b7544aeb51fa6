/**
 * Where a pack's files sit in a repository. Scan (to leave govops' own outputs out of analysis), the packs and
 * the render machinery all read these, so the layout lives below all of them.
 */
export const PROFILE_FILE = "ops/profile.yaml";
export const MANIFEST_FILE = "ops/manifest.json";
export const DASHBOARD_FILE = "ops/monitoring/dashboard.json";

export function runbookPath(failureModeId: string): string {
  return `ops/runbooks/${failureModeId}.md`;
}

/** Where an alert links for its runbook: the published base URL when set, else the path in the repository. */
export function runbookUrl(base: string, failureModeId: string): string {
  const rel = runbookPath(failureModeId);
  return base ? `${base.replace(/\/+$/, "")}/${rel}` : rel;
}

/** Grafana dashboard uids are at most 40 characters. */
export function dashboardUid(service: string): string {
  return service.slice(0, 40);
}

export function dashboardUrl(base: string, service: string): string {
  return base ? `${base.replace(/\/+$/, "")}/d/${dashboardUid(service)}` : DASHBOARD_FILE;
}
