import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../../tools.js";
import { EXAMPLES, ROOT, examplePack, fixturePath } from "../../helpers.js";
import { writeFiles } from "./pack.js";

const BAD_PAGE = "/apply/household";

// The generated check, run as-is with Debian's chromium against pages served on 127.0.0.1.
describe.skipIf(lacks("chromium"))("generated accessibility check", () => {
  let dir: string;
  let server: Server;
  let baseUrl: string;
  const served: string[] = [];

  beforeAll(async () => {
    const [good, bad] = await Promise.all(
      ["good.html", "bad.html"].map((f) =>
        readFile(fixturePath("delivery", "accessibility-pages", f), "utf8"),
      ),
    );
    server = createServer((req, res) => {
      served.push(req.url ?? "");
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(req.url === BAD_PAGE ? bad : good);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), "govops-a11y-"));
    // The pipeline installs playwright-core and @axe-core/playwright beside the service.
    await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    await writeFiles(dir, await examplePack(EXAMPLES[0], "github"));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it("opens every page of the forms journey and fails the one that breaks WCAG 2.2 AA", async () => {
    const result = await execa("node", ["ops/delivery/accessibility/check.mjs", baseUrl], {
      cwd: dir,
      reject: false,
      env: { CHROME_PATH: "/usr/bin/chromium", A11Y_REPORT: path.join(dir, "report.json") },
      timeout: 120_000,
    });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^FAIL ${BAD_PAGE} \\(apply\\)$`, "m"));
    expect(result.stdout).toMatch(/^ok {3}\/apply\/start \(apply\)$/m);
    expect(result.stdout).toMatch(
      /^7 page\(s\) checked against WCAG 2\.2 AA \(automated rules\), 1 failed\.$/m,
    );

    const report = JSON.parse(await readFile(path.join(dir, "report.json"), "utf8"));
    expect(served).toEqual(expect.arrayContaining(report.map((r: { path: string }) => r.path)));
    const bad = report.find((r: { path: string }) => r.path === BAD_PAGE);
    expect(bad.violations.map((v: { id: string }) => v.id)).toEqual(
      expect.arrayContaining(["html-has-lang", "image-alt", "label", "color-contrast"]),
    );
    expect(report.filter((r: { violations: unknown[] }) => r.violations.length === 0)).toHaveLength(
      report.length - 1,
    );
  });
});
