import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check, generate } from "../../../src/index.js";
import { gitlabValidator } from "../../../src/check/validators/gitlab.js";
import { IMAGES } from "../../../src/packs/delivery/actions.js";
import { fixturePath } from "../../helpers.js";

const FIXTURE = fixturePath("adopt", "gitlab-node14");
const INCLUDE = "ops/delivery/govops-gates.gitlab-ci.yml";

type Job = {
  extends?: string;
  image?: string | { name: string };
  before_script?: string[];
  script?: string[];
};

let dir: string;
let created: string[];
let include: Record<string, Job & Record<string, unknown>>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "govops-gitlab-gates-"));
  await cp(FIXTURE, dir, { recursive: true });
  const result = await generate(dir);
  created = result.plan.filter((p) => p.action === "create").map((p) => p.path);
  include = parse(await readFile(path.join(dir, INCLUDE), "utf8")) as typeof include;
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A job's key, following `extends` through the include's hidden jobs. */
function resolved(name: string, key: keyof Job): unknown {
  const job = include[name];
  if (!job) return undefined;
  return job[key] ?? (job.extends ? resolved(job.extends, key) : undefined);
}

describe("gates beside a project's own .gitlab-ci.yml", () => {
  it("writes an include the team adds with one line, and leaves .gitlab-ci.yml byte for byte", async () => {
    expect(created).toContain(INCLUDE);
    expect(created).not.toContain(".gitlab-ci.yml");
    expect(await readFile(path.join(dir, ".gitlab-ci.yml"), "utf8")).toBe(
      await readFile(path.join(FIXTURE, ".gitlab-ci.yml"), "utf8"),
    );
    const readme = await readFile(path.join(dir, "ops/delivery/README.md"), "utf8");
    expect(readme).toContain(`include: [{ local: ${INCLUDE} }]`);
  });

  it("names every job govops-*, off the project's default:, starting at once in .post", () => {
    const jobs = Object.keys(include).filter((k) => !k.startsWith("."));
    expect(jobs.length).toBeGreaterThan(3);
    for (const name of jobs) {
      expect(name).toMatch(/^govops-/);
      expect(resolved(name, "stage" as keyof Job), name).toBe(".post");
      expect(resolved(name, "needs" as keyof Job), name).toEqual([]);
      expect(resolved(name, "inherit" as keyof Job), name).toEqual({ default: false });
    }
  });

  it("tests on the project's Node 14 and runs govops' newer tools in the tools image", () => {
    expect(resolved("govops-test", "image")).toBe("node:14.21.3");
    expect(resolved("govops-test", "before_script")).toEqual(["npm ci"]);
    expect(resolved("govops-licences-and-sbom", "image")).toBe(IMAGES.node);
    expect(resolved("govops-licences-and-sbom", "before_script")).toEqual([
      "npm ci --ignore-scripts --engine-strict=false",
    ]);
  });

  it("calls no govops the project does not have, and passes govops check", async () => {
    expect(await readFile(path.join(dir, INCLUDE), "utf8")).not.toMatch(/npx (--no-install )?govops/);
    const result = await check(dir);
    expect(result.validatorsRun).toEqual(
      expect.arrayContaining(["gitlab-ci-local", "shellcheck", "yamllint"]),
    );
    const delivery = result.problems.filter((p) => p.file?.startsWith("ops/delivery/") || p.file === INCLUDE);
    expect(delivery).toEqual([]);
  }, 120_000);

  it("gitlab-ci-local still fails a broken include", async () => {
    const broken = path.join(dir, "broken.gitlab-ci.yml");
    await writeFile(broken, "govops-broken:\n  stage: .post\n  scripts: [echo]\n");
    const result = await gitlabValidator.run([{ rel: "ops/broken.gitlab-ci.yml", abs: broken }]);
    expect(result.skipped).toBeUndefined();
    expect(result.problems?.length).toBeGreaterThan(0);
  }, 120_000);
});
