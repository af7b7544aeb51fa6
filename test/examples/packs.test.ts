import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../src/profile/io.js";
import { readManifest } from "../../src/render/manifest.js";
import { renderProfile } from "../../src/packs/index.js";
import { analyseService } from "../../src/index.js";
import { profileToYaml } from "../../src/profile/io.js";
import { EXAMPLES, examplePath } from "../helpers.js";

describe.each(EXAMPLES)("the committed pack of %s", (name) => {
  const dir = examplePath(name);

  it("has a committed profile identical to a fresh analysis", async () => {
    const committed = await readFile(path.join(dir, "ops/profile.yaml"), "utf8");
    const { profile } = await analyseService(dir, { write: false });
    expect(profileToYaml(profile)).toBe(committed);
  });

  it("matches a fresh render file by file, and the manifest lists exactly those files", async () => {
    const profile = await loadProfile(path.join(dir, "ops/profile.yaml"));
    const files = await renderProfile(profile, {});
    const manifest = await readManifest(dir);
    expect(manifest, "ops/manifest.json is missing: run govops generate on the example").toBeDefined();
    expect(manifest!.files.map((f) => f.path)).toEqual(files.map((f) => f.path));
    for (const file of files) {
      const onDisk = await readFile(path.join(dir, file.path), "utf8").catch(() => undefined);
      expect(onDisk, `${name}/${file.path} differs from a fresh render: run govops generate`).toBe(file.content);
    }
  });
});
