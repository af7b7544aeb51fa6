import { describe, expect, it } from "vitest";
import { analyseService } from "../../../src/index.js";
import { renderProfile } from "../../../src/packs/index.js";
import { beforeGoLive } from "../../../src/packs/docs/index.js";
import type { Profile } from "../../../src/profile/schema.js";
import type { RenderedFile } from "../../../src/render/plan.js";
import { brokenLinks, lintMarkdown } from "../../../src/check/validators/markdown.js";
import { fixturePath } from "../../helpers.js";
import { file, markdown } from "../text-packs.js";

/** Staff-only casework on Helm (two namespaces), Azure AD sign-in, two HTTP APIs, Postgres, Redis with TLS, S3. */
const STAFF = "staff-helm-casework";
/** A public upload journey with no sign-in, storing evidence in Azure Blob Storage; no Notify. */
const PUBLIC = "public-azure-uploads";

const profiles = new Map<string, Promise<Profile>>();
function profileOf(name: string): Promise<Profile> {
  if (!profiles.has(name))
    profiles.set(
      name,
      analyseService(fixturePath("runbooks", name), { write: false, config: false }).then((r) => r.profile),
    );
  return profiles.get(name)!;
}
const packOf = async (name: string) => renderProfile(await profileOf(name), {});

const OWN = /^ops\/(runbooks|incident)\/|^ops\/(OPERATIONS|COMPLIANCE|METHODOLOGY|GO-LIVE)\.md$/;
const own = (files: RenderedFile[]) => files.filter((f) => OWN.test(f.path));
const codeBlocks = (md: string) => [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const runbookText = (files: RenderedFile[]) =>
  files.filter((f) => /^ops\/runbooks\/(?!README)/.test(f.path)).map((f) => f.content);

/** `$NAME`s in a file's shell blocks that the service does not read and no earlier line defines. */
function undefinedVars(md: string, read: Set<string>): string[] {
  const defined = new Set<string>();
  const out: string[] = [];
  for (const block of codeBlocks(md))
    for (const raw of block.split("\n")) {
      const line = raw.replace(/'[^']*'/g, "''");
      for (const m of line.matchAll(/\$\{?([A-Za-z_]\w*)/g))
        if (!read.has(m[1]!) && !defined.has(m[1]!)) out.push(m[1]!);
      for (const m of line.matchAll(/(?:^|\s)(?:export\s+)?([A-Za-z_]\w*)=/g)) defined.add(m[1]!);
    }
  return out;
}

describe("runbook commands work on this service", () => {
  it("probe each HTTP dependency through its own variable, never another's", async () => {
    const files = await packOf(STAFF);
    const allocations = file(files, "ops/runbooks/allocations-api-unavailable.md");
    const users = file(files, "ops/runbooks/manage-users-api-unavailable.md");
    expect(allocations).toContain('"$ALLOCATIONS_API_URL"');
    expect(allocations).not.toContain("$MANAGE_USERS_API_URL");
    expect(users).toContain('"$MANAGE_USERS_API_URL"');
    expect(users).not.toContain("$ALLOCATIONS_API_URL");
  });

  it.each([STAFF, PUBLIC])(
    "%s: every $VARIABLE in a code block is read by the service or defined first",
    async (name) => {
      const profile = await profileOf(name);
      const read = new Set(profile.facts.envVars.map((e) => e.name));
      const files = own(await packOf(name)).filter((f) => f.path.endsWith(".md"));
      expect(files.some((f) => codeBlocks(f.content).length > 0)).toBe(true);
      for (const f of files) expect(undefinedVars(f.content, read), f.path).toEqual([]);
    },
  );

  it("name the Helm release and the namespace of each environment from the values files", async () => {
    const runbook = file(await packOf(STAFF), "ops/runbooks/postgres-unavailable.md");
    expect(runbook).toContain("NAMESPACE=casework-prod");
    expect(runbook).toContain("RELEASE=casework");
    expect(runbook).toContain("dev: `casework-dev`, prod: `casework-prod`");
    const helm = codeBlocks(runbook)
      .flatMap((b) => b.split("\n"))
      .filter((l) => /^\s*helm /.test(l));
    expect(helm.length).toBeGreaterThan(0);
    for (const line of helm) expect(line).toContain('-n "$NAMESPACE"');
    expect(runbook).not.toMatch(/-l app(\.kubernetes\.io\/name)?=/);
  });

  it("take namespaces from govops.config.yaml over the values files", async () => {
    const profile = await profileOf(STAFF);
    const configured = { ...profile, service: { ...profile.service, namespaces: { live: "cases-live" } } };
    const runbook = file(await renderProfile(configured, {}), "ops/runbooks/redis-unavailable.md");
    expect(runbook).toContain("NAMESPACE=cases-live");
    expect(runbook).toContain("(from govops.config.yaml): live: `cases-live`");
  });

  it("build datastore commands from the service's own connection variables, TLS and auth", async () => {
    const files = await packOf(STAFF);
    expect(file(files, "ops/runbooks/postgres-unavailable.md")).toContain(
      'psql "postgresql://$CASE_DB_USER@$CASE_DB_HOST/$CASE_DB_NAME"',
    );
    const redis = file(files, "ops/runbooks/redis-unavailable.md");
    expect(redis).toContain(
      'REDISCLI_AUTH="$REDIS_AUTH_TOKEN" redis-cli --tls -h "$REDIS_HOST" -p "$REDIS_PORT"',
    );
    expect(redis).toContain("`REDIS_TLS_ENABLED`");
  });

  it("use only the cloud CLI of the cloud found", async () => {
    const clis = async (name: string) => {
      const lines = runbookText(await packOf(name))
        .flatMap(codeBlocks)
        .join("\n");
      return ["aws", "az", "gcloud"].filter((c) => new RegExp(`(^|[\\s($])${c} `, "m").test(lines));
    };
    expect(await clis(STAFF)).toEqual(["aws"]);
    expect(await clis(PUBLIC)).toEqual(["az"]);
    expect(file(await packOf(PUBLIC), "ops/runbooks/object-storage-unavailable.md")).toContain(
      'az storage container show --name "$EVIDENCE_CONTAINER"',
    );
  });

  it("link only to alerts and panels that were generated, and say where to look first", async () => {
    const profile = await profileOf(PUBLIC);
    const noJourneys = { ...profile, journeys: [] };
    const files = await renderProfile(noJourneys, {});
    expect(files.some((f) => f.path.startsWith("ops/monitoring/"))).toBe(false);
    for (const text of runbookText(files)) {
      expect(text).not.toContain("../monitoring/");
      expect(text).toContain("Look first at the platform's view");
    }
    const withAlerts = runbookText(await packOf(PUBLIC)).join("\n");
    expect(withAlerts).toContain("Look first at the service dashboard");
    const rendered = await packOf(PUBLIC);
    const paths = new Set(rendered.map((f) => f.path));
    expect(await brokenLinks(markdown(rendered), async (rel) => paths.has(rel))).toEqual([]);
  });
});

describe("words for the right audience", () => {
  const citizenDrafts = /^## (Status page|Service banner|Message to affected citizens)/m;

  it("staff-only services get internal drafts and no citizen ones", async () => {
    const comms = (await packOf(STAFF)).filter((f) => f.path.startsWith("ops/incident/comms/"));
    expect(comms.length).toBeGreaterThan(0);
    for (const f of comms) {
      expect(f.content, f.path).not.toMatch(citizenDrafts);
      expect(f.content, f.path).toContain("## Service desk");
      expect(f.content, f.path).toContain("## Affected teams");
    }
  });

  it("public services get status page and banner drafts, and Notify only where the analysis found it", async () => {
    const files = await packOf(PUBLIC);
    for (const f of files.filter((x) => x.path.startsWith("ops/incident/comms/"))) {
      expect(f.content, f.path).toMatch(citizenDrafts);
      expect(f.content, f.path).not.toContain("## Service desk");
      expect(f.content, f.path).not.toMatch(/through GOV\.UK Notify|Notify account|on Notify's count/);
    }
    expect(file(files, "ops/COMPLIANCE.md")).not.toContain("Notify");
  });

  it("follow the data for breach duties, and send cyber reports through the department", async () => {
    const staff = file(await packOf(STAFF), "ops/incident/README.md");
    const pub = file(await packOf(PUBLIC), "ops/incident/README.md");
    expect(staff).toContain("DPA 2018 section 67");
    expect(staff).not.toContain("(UK GDPR Article 33)");
    expect(pub).toContain("(UK GDPR Article 33)");
    expect(pub).not.toContain("Part 3");
    for (const readme of [staff, pub]) expect(readme).toContain("never report to the NCSC directly");
  });

  it("mark a control covered only when a generated file implements it, and name that file", async () => {
    for (const name of [STAFF, PUBLIC]) {
      const files = await packOf(name);
      const paths = new Set(files.map((f) => f.path));
      const rows = file(files, "ops/COMPLIANCE.md")
        .split("\n")
        .filter((l) => /^\| .+ \| (covered|partly covered) \|/.test(l));
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const linked = [...row.matchAll(/\]\(([^)]+)\)/g)].map((m) =>
          m[1]!.startsWith("../") ? m[1]!.slice(3) : `ops/${m[1]!}`,
        );
        expect(linked.length, row).toBeGreaterThan(0);
        for (const target of linked) expect(paths.has(target), `${target} in ${row}`).toBe(true);
      }
    }
  });
});

describe("Markdown right by construction", () => {
  it.each([STAFF, PUBLIC])(
    "%s: passes markdownlint, with no empty cells and no double blank lines",
    async (name) => {
      const files = own(await packOf(name)).filter((f) => f.path.endsWith(".md"));
      expect(await lintMarkdown(markdown(files))).toEqual([]);
      for (const f of files) {
        expect(f.content, f.path).not.toMatch(/\n\n\n/);
        expect(f.content, f.path).not.toMatch(/\|[ \t]*\|/);
        // A code block inside a numbered item is indented under it.
        expect(f.content, f.path).not.toMatch(/^1\. .*\n\n```/m);
      }
    },
  );

  it("say which govops.config.yaml key answers every TO DO, and never send people to edit the profile", async () => {
    for (const name of [STAFF, PUBLIC]) {
      const lines = own(await packOf(name))
        .flatMap((f) => f.content.split("\n").map((l) => [f.path, l] as const))
        .filter(([, l]) => l.includes("TO DO:"));
      expect(lines.length).toBeGreaterThan(0);
      for (const [where, line] of lines) expect(line, where).toContain("govops.config.yaml");
      for (const f of own(await packOf(name)))
        expect(f.content, f.path).not.toMatch(/(?<!Never )edit `?ops\/profile\.yaml/i);
    }
  });

  it("monitoring placeholders name their govops.config.yaml key, never the profile", async () => {
    for (const name of [STAFF, PUBLIC]) {
      const monitoring = (await packOf(name)).filter((f) => f.path.startsWith("ops/monitoring/"));
      const todos = monitoring.flatMap((f) => f.content.split("\n")).filter((l) => /TO DO/.test(l));
      for (const line of todos) expect(line).not.toMatch(/profile/);
      const baseUrl = todos.filter((l) => /baseUrl/.test(l));
      expect(baseUrl.length).toBeGreaterThan(0);
      for (const line of baseUrl) expect(line).toMatch(/service\.baseUrl in govops\.config\.yaml/);
    }
  });

  it("end with one before-go-live checklist, in order, that shrinks as the config answers it", async () => {
    const profile = await profileOf(STAFF);
    const items = beforeGoLive(profile);
    expect(items[0]).toMatch(/^Name who is called when it breaks/);
    expect(items.at(-1)).toMatch(/COMPLIANCE\.md/);
    expect(items.some((i) => i.includes("`namespaces`"))).toBe(false);
    const noNamespaces = {
      ...profile,
      facts: { ...profile.facts, signals: profile.facts.signals.filter((s) => s.name !== "helm-namespace") },
    };
    expect(beforeGoLive(noNamespaces).some((i) => i.includes("`namespaces` under `service`"))).toBe(true);
    const answered = {
      ...profile,
      service: { ...profile.service, baseUrl: "https://casework.example.gov.uk" },
    };
    expect(beforeGoLive(answered)).toHaveLength(items.length - 1);
    const goLive = file(await packOf(STAFF), "ops/GO-LIVE.md");
    expect(goLive.match(/^1\. /gm)).toHaveLength(items.length);
  });
});
