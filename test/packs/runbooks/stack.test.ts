import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../helpers.js";
import { exampleIncidentPack, file } from "../text-packs.js";

type Example = (typeof EXAMPLES)[number];
const [L1, L2, L3, L4, L5] = EXAMPLES;

/** Text that only the stack or archetype of some examples justifies, and the examples whose packs carry it. */
const SPECIFIC: Array<{ what: string; text: string; in: Example[] }> = [
  { what: "Redis diagnosis (L1 keeps sessions in Redis)", text: 'redis-cli -u "$REDIS_URL"', in: [L1] },
  { what: "Redis must not be flushed", text: "Never run `FLUSHALL`", in: [L1] },
  { what: "PostgreSQL connection states", text: "from pg_stat_activity", in: [L2, L3, L4, L5] },
  { what: "the pool size variable the code reads", text: "`DATABASE_POOL_MAX`", in: [L3, L4, L5] },
  { what: "GOV.UK Notify status and receipts", text: "status.notifications.service.gov.uk", in: [L1, L3] },
  { what: "OIDC discovery for staff sign-in", text: "/.well-known/openid-configuration", in: [L3, L4, L5] },
  { what: "bearer-token checks for services verifying JWTs", text: "### Bearer tokens (JWT)", in: [L4, L5] },
  { what: "the case-management API's base URL", text: '"$CASE_API_URL"', in: [L1] },
  { what: "the statistics sources' base URLs", text: '"$ONS_API_URL"', in: [L2] },
  { what: "the Parliament API's base URL", text: '"$PARLIAMENT_API_URL"', in: [L4] },
  { what: "the procurement API's base URL", text: '"$PROCUREMENT_API_URL"', in: [L5] },
  { what: "Knex migration state", text: "npx knex migrate:status", in: [L4] },
  { what: "replaying queued submissions (forms)", text: "Replay submissions that were queued", in: [L1] },
  { what: "re-running ingestion (dashboards)", text: "Re-run ingestion for the missed window", in: [L2] },
  { what: "tenancy checks (multi-department casework)", text: "Run the tenancy check", in: [L3] },
  {
    what: "restoring from a failed migration (PQ tracker)",
    text: "Restore from a failed migration",
    in: [L4],
  },
  { what: "legacy data checks (PQ tracker)", text: "legacy export", in: [L4] },
  { what: "re-assessing with a pinned rule-set (rules engine)", text: "pinned rule-set version", in: [L5] },
];

async function allMarkdown(name: Example): Promise<string> {
  const files = await exampleIncidentPack(name);
  return files
    .filter((f) => f.path.endsWith(".md"))
    .map((f) => f.content)
    .join("\n");
}

describe("the incident pack differs between examples as their stacks and citizens do", () => {
  it.each(SPECIFIC)("$what appears exactly where it applies", async ({ text, in: where }) => {
    for (const name of EXAMPLES) {
      const found = (await allMarkdown(name)).includes(text);
      expect(found, `${text} ${where.includes(name) ? "missing from" : "should not be in"} ${name}`).toBe(
        where.includes(name),
      );
    }
  });

  it("names each service's own datastores in its backup table", async () => {
    const ops = (name: Example) => exampleIncidentPack(name).then((f) => file(f, "ops/OPERATIONS.md"));
    expect(await ops(L1)).toMatch(/^\| Redis \| sessions and cached data \| Not backed up by design/m);
    for (const name of [L2, L3, L4, L5])
      expect(await ops(name)).toMatch(/^\| PostgreSQL \| the service's records \| Continuous WAL archiving/m);
  });

  it("puts the stack's commands in the runbook of the failing dependency", async () => {
    const runbook = (name: Example, id: string) =>
      exampleIncidentPack(name).then((f) => file(f, `ops/runbooks/${id}.md`));
    expect(await runbook(L1, "redis-unavailable")).toContain('redis-cli -u "$REDIS_URL" info memory');
    expect(await runbook(L3, "postgres-unavailable")).toContain('psql "$DATABASE_URL" -c');
    expect(await runbook(L3, "govuk-notify-unavailable")).toContain('getNotifications("email", "failed")');
    expect(await runbook(L4, "parliament-api-unavailable")).toContain('"$PARLIAMENT_API_URL"');
  });
});
