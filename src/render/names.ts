export function pascal(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** Where an alert links for its runbook: the published base URL when set, else the path in the repository. */
export function runbookUrl(base: string, failureModeId: string): string {
  const rel = `ops/runbooks/${failureModeId}.md`;
  return base ? `${base.replace(/\/+$/, "")}/${rel}` : rel;
}

/** Grafana dashboard uids are at most 40 characters. */
export function dashboardUid(service: string): string {
  return service.slice(0, 40);
}

export function dashboardUrl(base: string, service: string): string {
  return base ? `${base.replace(/\/+$/, "")}/d/${dashboardUid(service)}` : `ops/monitoring/dashboard.json`;
}
