import { spawn } from "node:child_process";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath, ROOT, withTempDir } from "../helpers.js";
import { BIN, govops } from "./run-cli.js";

const VERSION = (JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

/** A folder with one source file and a valid profile, so check reaches the profile and the config. */
async function serviceWithProfile(tmp: string, profile: string) {
  await mkdir(path.join(tmp, "ops"));
  await writeFile(path.join(tmp, "index.js"), "console.log(1)\n");
  await writeFile(path.join(tmp, "ops/profile.yaml"), profile);
  return tmp;
}

describe("conventions", () => {
  it("-v prints the version, like --version", async () => {
    const short = await govops(["-v"]);
    expect(short).toMatchObject({ code: 0, stdout: VERSION });
    expect((await govops(["--version"])).stdout).toBe(VERSION);
  });

  it("analyse reads govops.config.yaml from the repository root above the service", async () => {
    await withTempDir(async (tmp) => {
      const repo = path.join(tmp, "repo");
      await cp(fixturePath("cli", "monorepo-config"), repo, { recursive: true });
      await mkdir(path.join(repo, ".git"));
      const { code, stdout } = await govops(["analyse", "services/enquiries", "--json", "--no-write"], repo);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).service.department).toBe("Department for Walked-Up Config");
    });
  });

  it("init writes a $schema line that resolves to the schema in the package", async () => {
    await withTempDir(async (tmp) => {
      await writeFile(path.join(tmp, "index.js"), "console.log(1)\n");
      const { code } = await govops(["init", tmp, "--yes", "--department", "Department for Transport"]);
      expect(code).toBe(0);
      const text = await readFile(path.join(tmp, "govops.config.yaml"), "utf8");
      const [, target] = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text) ?? [];
      expect(target, text).toBeDefined();
      expect(await readFile(path.resolve(tmp, target!), "utf8")).toBe(
        await readFile(path.join(ROOT, "schema/config.schema.json"), "utf8"),
      );
      expect(text).toContain("department: Department for Transport");
    });
  });
});

describe("error paths: one line, the right exit code", () => {
  it("Ctrl-C in an init prompt says it was cancelled and exits 130, writing nothing", async () => {
    await withTempDir(async (tmp) => {
      // `script` gives the binary a terminal, so init prompts; Ctrl-C arrives as a keypress.
      const child = spawn("script", ["-qfec", `${process.execPath} ${BIN} init ${tmp}`, "/dev/null"], {
        env: { ...process.env, NO_COLOR: "1" },
      });
      let output = "";
      let sent = false;
      child.stdout.on("data", (chunk) => {
        output += String(chunk);
        if (!sent && output.includes("Service name")) child.stdin.end("\x03");
        sent ||= output.includes("Service name");
      });
      const code = await new Promise((resolve, reject) => {
        child.on("exit", resolve);
        child.on("error", (e) =>
          reject(new Error(`needs \`script\` (Debian: apt-get install bsdutils): ${e}`)),
        );
      });
      expect(code).toBe(130);
      expect(output.trimEnd().split("\n").at(-1)).toMatch(/govops: cancelled, nothing written\r?$/);
      expect(output).not.toMatch(/internal error/);
      expect(await readdir(tmp)).toEqual([]);
    });
  });

  it("analyse --profile DIR names the directory instead of failing to write it", async () => {
    await withTempDir(async (tmp) => {
      await writeFile(path.join(tmp, "index.js"), "console.log(1)\n");
      const { code, stdout, stderr } = await govops(["analyse", tmp, "--profile", tmp]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`govops: invalid options:\n  profile: ${tmp} is a directory: name a file in it`);
      expect(await readdir(tmp)).toEqual(["index.js"]);
    });
  });

  it("analyse '' is a usage error and does not scan the current directory", async () => {
    await withTempDir(async (tmp) => {
      await writeFile(path.join(tmp, "index.js"), "console.log(1)\n");
      const { code, stdout, stderr } = await govops(["analyse", ""], tmp);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        "govops: The directory argument is empty\n  Pass a path, or . for the current directory.",
      );
      expect(await readdir(tmp)).toEqual(["index.js"]);
    });
  });

  it("check with an invalid profile is an error (exit 2), not findings", async () => {
    await withTempDir(async (tmp) => {
      await serviceWithProfile(tmp, "schemaVersion: 1\nservice:\n  name: Bad Name\n");
      const { code, stdout, stderr } = await govops(["check", tmp]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^govops: Invalid profile .*profile\.yaml: service\.name: lower-case letters/);
    });
  });

  it("check with a profile that is not YAML exits 2, under --json as well", async () => {
    await withTempDir(async (tmp) => {
      await serviceWithProfile(tmp, "a: [unclosed\n");
      const { code, stdout, stderr } = await govops(["check", tmp, "--json"]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^govops: .*profile\.yaml is not valid YAML/);
    });
  });

  it("check with an unparseable govops.config.yaml exits 2 and names the line", async () => {
    await withTempDir(async (tmp) => {
      await serviceWithProfile(tmp, "schemaVersion: 1\n");
      await writeFile(path.join(tmp, "govops.config.yaml"), "service:\n  department: [unclosed\n");
      const { code, stdout, stderr } = await govops(["check", tmp]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^govops: .*govops\.config\.yaml:\d+:\d+: not valid YAML/);
    });
  });

  it("control characters in route paths never reach the terminal; --json keeps them, escaped", async () => {
    const dir = fixturePath("cli", "control-characters");
    const text = await govops(["analyse", dir, "--no-write"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/GET {4}\/report\[2J\]0;owned {2}src\/app\.js:6/);
    expect(text.stdout).toMatch(/POST {3}\/rewriteFAKE LINE {2}src\/app\.js:8/);
    expect(text.stdout).toMatch(/GET {4}\/splithere {2}src\/app\.js:9/);
    // eslint-disable-next-line no-control-regex
    expect(text.stdout + text.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);

    const json = await govops(["analyse", dir, "--no-write", "--json"]);
    expect(json.stdout).toContain(String.raw`"/report\u001b[2J\u001b]0;owned\u0007"`);
    const paths = JSON.parse(json.stdout).facts.routes.map((r: { path: string }) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/c1\u009b31mred", "/rewrite\rFAKE LINE", "/split\u2028here"]),
    );
  });
});
