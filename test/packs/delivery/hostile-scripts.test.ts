import { chmod, mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { scriptSyntaxValidator } from "../../../src/check/validators/script-syntax.js";
import { renderProfile } from "../../../src/packs/index.js";
import type { Profile } from "../../../src/profile/schema.js";
import { exampleProfile, someOf, withTempDir } from "../../helpers.js";

// What a hostile repository can put in a route or folder name: command substitution, a newline that ends a
// comment, and the Unicode line separators JavaScript also ends lines at.
const SHELL_PAYLOAD = '/health$(touch "$MARK")\ntouch "$MARK" #';
const JS_PAYLOAD =
  '/fresh\nimport("node:fs").then((fs) => fs.writeFileSync(process.env.MARK, "")); //\u2028globalThis.K6PWNED = 1;';

function hostile(profile: Profile): Profile {
  const p = structuredClone(profile);
  p.facts.readiness.healthEndpoints = [{ ...p.facts.readiness.healthEndpoints[0]!, path: SHELL_PAYLOAD }];
  const evidence = p.facts.routes[0]!.evidence;
  p.facts.routes.push({ method: "GET", path: JS_PAYLOAD, framework: "express", evidence });
  p.journeys[0]!.entryRoutes.push({ method: "POST", path: JS_PAYLOAD });
  const signal = p.facts.signals.find((s) => s.name === "rule-sets-as-data");
  if (signal) signal.evidence = { ...signal.evidence, file: 'rules\ntouch "$MARK" #/x.json' };
  return p;
}

/** npm, node and curl stand-ins, so the scripts run to the end without building or serving anything. */
async function stubs(dir: string): Promise<string> {
  const bin = path.join(dir, "stub-bin");
  await mkdir(bin);
  for (const name of ["npm", "node", "curl"]) {
    await writeFile(path.join(bin, name), "#!/bin/sh\nexit 0\n");
    await chmod(path.join(bin, name), 0o755);
  }
  return bin;
}

async function writeAll(dir: string, files: Array<{ path: string; content: string }>) {
  for (const f of files) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content, { mode: f.path.endsWith(".sh") ? 0o755 : 0o644 });
  }
}

describe.each(["level-2-data-dashboard", "level-5-rules-engine"])(
  "scripts generated for a hostile %s",
  (name) => {
    it("parse, keep data out of code, and run without executing any of it", async () => {
      const files = await renderProfile(hostile(await exampleProfile(name)), { ciPlatform: "github" });
      await withTempDir(async (dir) => {
        await writeAll(dir, files);
        const mark = path.join(dir, "pwned");
        const scripts = someOf(
          files.filter((f) => /^ops\/.+\.(sh|m?js)$/.test(f.path)),
          "generated script",
        ).map((f) => ({ rel: f.path, abs: path.join(dir, f.path) }));

        expect((await scriptSyntaxValidator.run(scripts)).problems).toEqual([]);

        // JavaScript: with comments removed, nothing of the payload is left outside string literals.
        for (const f of scripts.filter((s) => /\.m?js$/.test(s.rel))) {
          const text = files.find((x) => x.path === f.rel)!.content;
          const code = ts.transpileModule(text, {
            compilerOptions: { removeComments: true, module: ts.ModuleKind.ESNext },
          }).outputText;
          const outsideStrings = code.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
          expect(outsideStrings, f.rel).not.toMatch(/K6PWNED|writeFileSync/);
        }

        const env = {
          MARK: mark,
          PATH: `${await stubs(dir)}:${process.env.PATH}`,
          APP_START_COMMAND: "true",
        };
        const run = (script: string) =>
          execa("bash", [script], { cwd: dir, env, reject: false, timeout: 60_000, stdin: "ignore" });
        if (existsSync(path.join(dir, "ops/delivery/scripts/start-app.sh"))) {
          const startApp = await run("ops/delivery/scripts/start-app.sh");
          expect(startApp.exitCode, startApp.stderr).toBe(0);
          expect(startApp.stdout).toContain("Service is up");
        }
        if (existsSync(path.join(dir, "ops/delivery/scripts/golden-assessments.sh"))) {
          const golden = await run("ops/delivery/scripts/golden-assessments.sh");
          expect(golden.exitCode, golden.stderr).toBe(0);
        }
        if (existsSync(path.join(dir, "ops/delivery/scripts/data-freshness.mjs"))) {
          await execa(process.execPath, ["ops/delivery/scripts/data-freshness.mjs", "http://127.0.0.1:9"], {
            cwd: dir,
            env: { MARK: mark },
            reject: false,
            timeout: 60_000,
          });
        }
        expect(existsSync(mark), "a script executed data from the repository").toBe(false);
      });
    });
  },
);
