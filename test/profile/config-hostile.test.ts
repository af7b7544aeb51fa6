import { execFileSync } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/index.js";
import { GovopsError } from "../../src/errors.js";
import { analyseService } from "../../src/index.js";
import { parseConfig, readConfigDocument } from "../../src/profile/config-io.js";
import { withTempDir } from "../helpers.js";

/** In the working directory, so messages show it as `govops.config.yaml`. */
const FILE = path.join(process.cwd(), "govops.config.yaml");

/** The error a config text gives: always a GovopsError for the config, on one line. */
function errorOf(text: string): string {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(GovopsError);
    expect((error as GovopsError).code).toBe("INVALID_CONFIG");
    return (error as Error).message;
  }
  throw new Error("parsed without error");
}

const period = (list: string, fields: string) => `${list}:\n  - id: p\n    name: P\n${fields}`;

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe("config dates are real and periods run forwards", () => {
  it.each([
    [
      "peakPeriods",
      "    start: 13-45\n    end: 12-31\n",
      /^Invalid config: govops\.config\.yaml:4: peakPeriods\.0\.start: "13-45" has no month 13/,
    ],
    [
      "changeFreezes",
      "    start: 02-01\n    end: 02-31\n",
      /^Invalid config: govops\.config\.yaml:5: changeFreezes\.0\.end: "02-31" is not a real date: 02 has 29 days/,
    ],
    [
      "peakPeriods",
      "    start: 2026-02-30\n    end: 2026-03-02\n",
      /peakPeriods\.0\.start: "2026-02-30" is not a real date: 2026-02 has 28 days/,
    ],
  ])(
    "%s with an impossible date: one line, the line number, the field and a hint",
    (list, fields, expected) => {
      const message = errorOf(period(list, fields));
      expect(message).toMatch(expected);
      expect(message).not.toContain("\n");
    },
  );

  it("a freeze from 2026-12-20 to 2026-01-05 is refused, with the end it probably meant", () => {
    expect(errorOf(period("changeFreezes", "    start: 2026-12-20\n    end: 2026-01-05\n"))).toBe(
      "Invalid config: govops.config.yaml:5: changeFreezes.0.end: ends 2026-01-05, before it starts (2026-12-20): a period across New Year ends the next year (2027-01-05), or give both as MM-DD to repeat every year",
    );
  });

  it("an annual freeze across New Year is written as it is and kept", () => {
    const config = parseConfig(period("changeFreezes", "    start: 12-20\n    end: 01-05\n"), FILE);
    expect(config.changeFreezes).toEqual([{ id: "p", name: "P", start: "12-20", end: "01-05" }]);
  });

  it("numbers are bounded: a traffic multiplier of 1e300 and a latency threshold of 1e300 ms", () => {
    expect(
      errorOf(period("peakPeriods", "    start: 04-01\n    end: 04-30\n    trafficMultiplier: 1e300\n")),
    ).toMatch(/peakPeriods\.0\.trafficMultiplier: at most 1000 times normal traffic/);
    expect(errorOf("defaults:\n  slo:\n    latency:\n      thresholdMs: 1e300\n")).toMatch(
      /defaults\.slo\.latency\.thresholdMs: Too big: expected number to be <=600000/,
    );
  });
});

describe("hostile config files", () => {
  it("a billion-laughs config fails in one line instead of expanding", () => {
    const levels = Array.from({ length: 9 }, (_, i) =>
      i === 0
        ? `l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`
        : `l${i}: &l${i} [${Array(9)
            .fill(`*l${i - 1}`)
            .join(", ")}]`,
    );
    const message = errorOf(`${levels.join("\n")}\n`);
    expect(message).toMatch(
      /^govops\.config\.yaml: refused: .*alias.* \(more than 100 YAML aliases expanded\)$/i,
    );
  });

  it("analyse with a FIFO as govops.config.yaml stops with one line and exit 2", async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, "app.ts"), "export {};\n");
      execFileSync("mkfifo", [path.join(dir, "govops.config.yaml")]);
      await expect(analyseService(dir, { write: false })).rejects.toMatchObject({
        code: "INVALID_CONFIG",
        message: expect.stringMatching(
          /^Cannot read config .*govops\.config\.yaml: a FIFO \(named pipe\), not a regular file$/,
        ),
      });
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      await run(["node", "govops", "analyse", dir]);
      expect(process.exitCode).toBe(2);
      expect(stderr.mock.calls[0]?.[0]).toMatch(
        /^govops: Cannot read config .*: a FIFO \(named pipe\), not a regular file\n$/,
      );
    });
  });

  it("a config symlinked to a file outside the service is not read", async () => {
    await withTempDir(async (dir) => {
      const repo = path.join(dir, "repo");
      await mkdir(repo);
      await writeFile(path.join(repo, "app.ts"), "export {};\n");
      await writeFile(path.join(dir, "elsewhere.yaml"), "service:\n  department: Outside\n");
      await symlink(path.join(dir, "elsewhere.yaml"), path.join(repo, "govops.config.yaml"));
      await expect(analyseService(repo, { write: false })).rejects.toMatchObject({
        code: "INVALID_CONFIG",
        message: expect.stringMatching(/govops\.config\.yaml: resolves outside/),
      });
    });
  });

  it.each([
    ["a single value", "just a string\n"],
    ["a list", "- service\n- contacts\n"],
  ])("init on a config that holds %s: a clear error and exit 2, the file left alone", async (kind, text) => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, "govops.config.yaml");
      await writeFile(file, text);
      await expect(readConfigDocument(file)).rejects.toThrow(
        `holds ${kind}, not the settings map govops expects`,
      );
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      await run(["node", "govops", "init", dir, "--yes", "--department", "DfE"]);
      expect(process.exitCode).toBe(2);
      expect(stderr.mock.calls[0]?.[0]).toMatch(
        new RegExp(`^govops: .*govops\\.config\\.yaml holds ${kind}, not the settings map`),
      );
      expect(stderr.mock.calls.join("")).not.toMatch(/internal error/);
      expect(await readFile(file, "utf8")).toBe(text);
    });
  });

  it.each([["null\n"], ["# nothing yet\n"], [""]])(
    "init on an empty config (%j) fills it in",
    async (text) => {
      await withTempDir(async (dir) => {
        const file = path.join(dir, "govops.config.yaml");
        await writeFile(file, text);
        vi.spyOn(process.stdout, "write").mockImplementation(() => true);
        vi.spyOn(process.stderr, "write").mockImplementation(() => true);
        await run(["node", "govops", "init", dir, "--yes", "--department", "DfE"]);
        expect(process.exitCode).toBeUndefined();
        expect(parseConfig(await readFile(file, "utf8"), file).service?.department).toBe("DfE");
      });
    },
  );

  it("init with an impossible --peak date says which and why", async () => {
    await withTempDir(async (dir) => {
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      await run(["node", "govops", "init", dir, "--yes", "--peak", "02-30..03-05 Spring"]);
      expect(process.exitCode).toBe(2);
      expect(stderr.mock.calls[0]?.[0]).toBe(
        'govops: Invalid --peak "02-30..03-05 Spring": "02-30" is not a real date: 02 has 29 days\n',
      );
    });
  });

  it.each([
    [
      ["--freeze", "2026-12-20..2026-01-05 Christmas"],
      'govops: Invalid --freeze "2026-12-20..2026-01-05 Christmas": ends 2026-01-05, before it starts (2026-12-20): a period across New Year ends the next year (2027-01-05), or give both as MM-DD to repeat every year\n',
    ],
    [
      ["--fiscal-event", "2026-02-30"],
      'govops: Invalid --fiscal-event "2026-02-30": "2026-02-30" is not a real date: 2026-02 has 28 days\n',
    ],
  ])("init %j: refused in one line with the hint", async (flags, expected) => {
    await withTempDir(async (dir) => {
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      await run(["node", "govops", "init", dir, "--yes", ...flags]);
      expect(process.exitCode).toBe(2);
      expect(stderr.mock.calls[0]?.[0]).toBe(expected);
    });
  });
});
