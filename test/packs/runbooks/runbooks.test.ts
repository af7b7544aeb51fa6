import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { EXAMPLES, examplePack, exampleProfile, someOf } from "../../helpers.js";
import { brokenLinks, lintMarkdown } from "../../../src/check/validators/markdown.js";
import { exampleIncidentPack, file, markdown } from "../text-packs.js";

interface Rule {
  alert?: string;
  annotations?: { runbook_url?: string };
}

/** Alert name → runbook path, from every rules file the monitoring pack rendered. */
function alertLinks(files: Array<{ path: string; content: string }>): Map<string, string> {
  const links = new Map<string, string>();
  for (const f of files.filter((x) => /^ops\/monitoring\/[^/]+\.ya?ml$/.test(x.path))) {
    const groups = (parse(f.content) as { groups?: Array<{ rules: Rule[] }> }).groups ?? [];
    for (const rule of groups.flatMap((g) => g.rules))
      if (rule.alert && rule.annotations?.runbook_url)
        // runbook_url is absolute or a TO DO naming the runbook: its path in the repository is what links back.
        links.set(rule.alert, /ops\/runbooks\/[a-z0-9-]+\.md/.exec(rule.annotations.runbook_url)?.[0] ?? "");
  }
  return links;
}

/** The alert names a runbook's Detection table lists. */
function listedAlerts(runbook: string): string[] {
  const detection = runbook.split("## Detection")[1]!.split("\n## ")[0]!;
  return [...detection.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!);
}

describe.each(EXAMPLES)("the incident pack of %s", (name) => {
  it("exist for every failure mode, each reached from an alert or saying why none exists", async () => {
    const [profile, files] = await Promise.all([exampleProfile(name), exampleIncidentPack(name)]);
    const links = alertLinks(files);
    expect(links.size, "the monitoring pack rendered no alerts").toBeGreaterThan(0);
    const linked = new Set([...links.values()]);
    expect(profile.failureModes.length).toBeGreaterThan(3);
    for (const fm of profile.failureModes) {
      const path = `ops/runbooks/${fm.id}.md`;
      const runbook = file(files, path);
      if (!linked.has(path))
        expect(runbook, `${path} has no alert and does not say why`).toMatch(/^No (metric )?alert/m);
    }
  });

  it("list exactly the alerts whose runbook_url points back at them", async () => {
    const files = await exampleIncidentPack(name);
    const links = alertLinks(files);
    for (const f of someOf(
      files.filter((x) => /^ops\/runbooks\/(?!README)[^/]+\.md$/.test(x.path)),
      "runbook",
    )) {
      const pointingHere = [...links].filter(([, url]) => url === f.path).map(([alert]) => alert);
      expect(listedAlerts(f.content).sort(), f.path).toEqual(pointingHere.sort());
    }
  });

  it("name only dashboard panels that exist, and every journey runbook names its burn-rate panels", async () => {
    const [profile, files] = await Promise.all([exampleProfile(name), exampleIncidentPack(name)]);
    const dashboard = JSON.parse(file(files, "ops/monitoring/dashboard.json")) as {
      panels: Array<{ title: string }>;
    };
    const titles = new Set(dashboard.panels.map((p) => p.title));
    for (const fm of profile.failureModes) {
      const runbook = file(files, `ops/runbooks/${fm.id}.md`);
      const section = runbook.split("Dashboard panels that show it")[1]?.split("\n## ")[0] ?? "";
      const named = [...section.matchAll(/^- (.+)$/gm)].map((m) => m[1]!.replace(/\\(.)/g, "$1"));
      for (const title of named) expect(titles, `${fm.id} names "${title}"`).toContain(title);
      if (fm.id.endsWith("-slo-burn"))
        expect(named.filter((t) => t.endsWith("burn rate")).length, fm.id).toBe(2);
    }
  });

  it("passes markdownlint and every internal link resolves", async () => {
    const files = await exampleIncidentPack(name);
    const docs = markdown(files);
    expect(docs.length).toBeGreaterThan(15);
    expect(await lintMarkdown(docs)).toEqual([]);
    // The compliance matrix links to the delivery pack's files too: resolve against the whole pack.
    const paths = new Set((await examplePack(name)).map((f) => f.path));
    expect(await brokenLinks(docs, async (rel) => paths.has(rel))).toEqual([]);
    const links = docs.flatMap((d) => [...d.content.matchAll(/\]\((?!https?:)[^)]+\)/g)]);
    expect(links.length, "the pack should link its documents together").toBeGreaterThan(50);
  });

  it("are indexed, most severe first, with the alerts for each", async () => {
    const [profile, files] = await Promise.all([exampleProfile(name), exampleIncidentPack(name)]);
    const index = file(files, "ops/runbooks/README.md");
    const order = [...index.matchAll(/^\| \[.+?\]\(([\w-]+)\.md\) \| (P\d) \|/gm)];
    expect(order.map((m) => m[1]).sort()).toEqual(profile.failureModes.map((f) => f.id).sort());
    const severities = order.map((m) => m[2]!);
    expect(severities).toEqual([...severities].sort());
  });

  it("give each section the prometheus-operator runbook shape plus comms, escalation and follow-up", async () => {
    const files = await exampleIncidentPack(name);
    const profile = await exampleProfile(name);
    for (const fm of profile.failureModes) {
      const runbook = file(files, `ops/runbooks/${fm.id}.md`);
      const headings = [...runbook.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
      expect(headings, fm.id).toEqual([
        "Meaning",
        "Citizen impact",
        "Detection",
        "Diagnosis",
        "Mitigation",
        "Recovery",
        "Communication",
        "Escalation",
        "Verify recovery",
        "Follow-up",
      ]);
      expect(runbook).toContain(`Severity **${fm.severity}`);
      if (fm.commsTemplate !== "none")
        expect(runbook).toContain(`(../incident/comms/${fm.commsTemplate}.md)`);
    }
  });
});
