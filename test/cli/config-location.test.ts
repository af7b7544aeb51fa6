import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateConfig } from "../../src/cli/config-location.js";
import { fixturePath, withTempDir } from "../helpers.js";

const MONOREPO = fixturePath("cli", "monorepo-config");

/** The fixture as a repository of its own in a temporary folder, with a config above it as well. */
async function repository(tmp: string) {
  const root = path.join(tmp, "outer", "repo");
  await cp(MONOREPO, root, { recursive: true });
  await mkdir(path.join(root, ".git"));
  await writeFile(path.join(tmp, "outer", "govops.config.yaml"), "service:\n  department: Outside\n");
  return { root, service: path.join(root, "services", "enquiries") };
}

describe("govops.config.yaml is found by walking up", () => {
  it("from a service to the repository root", async () => {
    await withTempDir(async (tmp) => {
      const { root, service } = await repository(tmp);
      expect(locateConfig(service)).toBe(path.join(root, "govops.config.yaml"));
      expect(locateConfig(path.join(service, "src"))).toBe(path.join(root, "govops.config.yaml"));
    });
  });

  it("the nearest one wins, and .yml is found as well", async () => {
    await withTempDir(async (tmp) => {
      const { service } = await repository(tmp);
      await writeFile(path.join(service, "govops.config.yml"), "service:\n  department: Nearest\n");
      expect(locateConfig(service)).toBe(path.join(service, "govops.config.yml"));
    });
  });

  it("never above the folder that holds .git, a directory or a worktree's file", async () => {
    await withTempDir(async (tmp) => {
      const { root, service } = await repository(tmp);
      await rm(path.join(root, "govops.config.yaml"));
      expect(locateConfig(service)).toBeUndefined();
      await rm(path.join(root, ".git"), { recursive: true });
      await writeFile(path.join(root, ".git"), "gitdir: /elsewhere\n");
      expect(locateConfig(service)).toBeUndefined();
      await rm(path.join(root, ".git"));
      expect(locateConfig(service)).toBe(path.join(tmp, "outer", "govops.config.yaml"));
    });
  });

  it("skips a directory named like the config, and --config skips the walk", async () => {
    await withTempDir(async (tmp) => {
      const { root, service } = await repository(tmp);
      await mkdir(path.join(service, "govops.config.yaml"));
      expect(locateConfig(service)).toBe(path.join(root, "govops.config.yaml"));
      expect(locateConfig(service, "custom.yaml")).toBe("custom.yaml");
    });
  });
});
