import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/analyse/context.js";
import { workspacePackages } from "../../src/analyse/manifests.js";

const manifest = (dir: string, workspaces: string[] = []): Manifest => ({
  file: dir ? `${dir}/package.json` : "package.json",
  dir,
  deps: new Set(),
  workspaces,
});

const FOLDERS = [
  "apps/api",
  "apps/web",
  "apps/legacy",
  "apps/.hidden",
  "packages/a/b",
  "packages/shared",
  "tools/[internal]",
  "services/claims-v1",
  "services/claims-v2",
  "services/claims-v10",
];

const members = (globs: string[]) =>
  workspacePackages([manifest("", globs), ...FOLDERS.map((d) => manifest(d))]).map((m) => m.dir);

describe("workspace globs, matched as npm matches them (picomatch)", () => {
  it("`*` stays in one folder; `**` goes any depth; ./ and a trailing slash are ignored", () => {
    expect(members(["apps/*"])).toEqual(["apps/api", "apps/web", "apps/legacy"]);
    expect(members(["./packages/**/"])).toEqual(["packages/a/b", "packages/shared"]);
  });

  it("negations remove what an earlier glob took", () => {
    expect(members(["apps/*", "!apps/legacy"])).toEqual(["apps/api", "apps/web"]);
  });

  it("braces, classes and ? work, and a literal bracket folder can be named with escapes", () => {
    expect(members(["apps/{api,web}"])).toEqual(["apps/api", "apps/web"]);
    expect(members(["services/claims-v[0-9]"])).toEqual(["services/claims-v1", "services/claims-v2"]);
    expect(members(["services/claims-v?"])).toEqual(["services/claims-v1", "services/claims-v2"]);
    expect(members(["tools/\\[internal\\]"])).toEqual(["tools/[internal]"]);
  });

  it("no globs, or none matching: no workspace packages", () => {
    expect(members([])).toEqual([]);
    expect(members(["nothing/*"])).toEqual([]);
  });
});
