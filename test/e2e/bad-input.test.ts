import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { examplePath, withTempDir } from "../helpers.js";
import { copyService, govops } from "./run-cli.js";

describe("bad input gets one clear line and exit 2", () => {
  it("a missing directory", async () => {
    const { code, stderr, stdout } = await govops(["analyse", "/no/such/dir"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe("govops: Directory not found: /no/such/dir");
  });

  it("a file instead of a directory", async () => {
    await withTempDir(async (tmp) => {
      const file = path.join(tmp, "app.ts");
      await writeFile(file, "export {};\n");
      const { code, stderr } = await govops(["generate", file]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^govops: Not a directory: .*app\.ts\n/);
    });
  });

  it("an empty directory", async () => {
    await withTempDir(async (tmp) => {
      const { code, stderr } = await govops(["analyse", tmp]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^govops: Nothing to analyse in .*: the directory has no files\n/);
    });
  });

  it("an invalid profile names the field path", async () => {
    await withTempDir(async (tmp) => {
      const dir = await copyService(examplePath("level-3-enquiry-service"), path.join(tmp, "svc"));
      await mkdir(path.join(dir, "ops"), { recursive: true });
      await writeFile(path.join(dir, "ops/profile.yaml"), "schemaVersion: 1\nservice:\n  name: Bad Name\n");
      const { code, stderr } = await govops(["generate", dir]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^govops: Invalid profile .*profile\.yaml: service\.name: lower-case letters/);
    });
  });

  it("a profile that is not YAML", async () => {
    await withTempDir(async (tmp) => {
      await mkdir(path.join(tmp, "ops"));
      await writeFile(path.join(tmp, "index.js"), "console.log(1)\n");
      await writeFile(path.join(tmp, "ops/profile.yaml"), "a: [unclosed\n");
      const { code, stderr } = await govops(["generate", tmp]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^govops: .*profile\.yaml is not valid YAML/);
    });
  });

  it("an unknown option is a usage error", async () => {
    const { code, stderr } = await govops(["analyse", "--bogus"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option '--bogus'/);
  });
});

describe("help", () => {
  it.each(["analyse", "generate", "check"])("%s --help shows examples", async (command) => {
    const { code, stdout } = await govops([command, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:\n\s+\$ govops /);
  });
});
