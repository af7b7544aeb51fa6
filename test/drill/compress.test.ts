import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  compressRanges,
  compressRuleFile,
  formatDuration,
  parseDuration,
  scaleRateThresholds,
  type RuleFile,
} from "../../src/drill/compress.js";
import { examplePath, fixturePath } from "../helpers.js";
import { lacks } from "../tools.js";

describe("durations", () => {
  it("parses compound Prometheus durations and rejects other text", () => {
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("28d")).toBe(2_419_200_000);
    expect(parseDuration("1.5h")).toBeUndefined();
    expect(parseDuration("soon")).toBeUndefined();
  });

  it("formats milliseconds as the shortest compound duration", () => {
    expect(formatDuration(5_000)).toBe("5s");
    expect(formatDuration(40_320_000)).toBe("11h12m");
    expect(formatDuration(500)).toBe("500ms");
    expect(formatDuration(0.2)).toBe("1ms");
  });
});

describe("compressRanges", () => {
  it("divides range windows, subqueries and offsets by the factor", () => {
    expect(compressRanges("sum(rate(x[5m])) / sum(rate(x[1h] offset 1d))", 60)).toBe(
      "sum(rate(x[5s])) / sum(rate(x[1m] offset 24m))",
    );
    expect(compressRanges("max_over_time(y[1h:5m])", 60)).toBe("max_over_time(y[1m:5s])");
  });

  it("leaves brackets inside label values alone", () => {
    const expr = 'rate(http_requests_total{route=~"/items/[0-9]+|/a\\\\[1h\\\\]", status_code=~"5.."}[30m])';
    expect(compressRanges(expr, 60)).toBe(expr.replace("[30m])", "[30s])"));
  });
});

describe("scaleRateThresholds", () => {
  it("multiplies a minimum-traffic guard on a per-second rate", () => {
    expect(scaleRateThresholds('a > 0.1 and on() sum(rate(t{route=~"/x(/.*)?"}[1h])) >= 0.0496', 60)).toBe(
      'a > 0.1 and on() sum(rate(t{route=~"/x(/.*)?"}[1h])) >= 2.976',
    );
  });

  it("keeps ratio thresholds, recorded ratios and counts", () => {
    const ratio = '(sum(rate(e{path=~"/book(/.*)?"}[1h])) / sum(rate(t[1h]))) > 0.0144';
    expect(scaleRateThresholds(ratio, 60)).toBe(ratio);
    const divided = "sum(rate(e[5m])) / sum(rate(t[5m])) > 0.1";
    expect(scaleRateThresholds(divided, 60)).toBe(divided);
    const recorded = 'journey:sli_errors:ratio_rate1h{journey="a"} > 0.0672';
    expect(scaleRateThresholds(recorded, 60)).toBe(recorded);
    const count = "sum(increase(e[30m])) > 1.5";
    expect(scaleRateThresholds(count, 60)).toBe(count);
  });
});

describe("compressRuleFile", () => {
  it("compresses a rule file with environment selectors: windows, for:, guard; burn-rate thresholds kept", () => {
    const file = parse(readFileSync(fixturePath("drill", "env-selectors", "rules.yml"), "utf8")) as RuleFile;
    const out = compressRuleFile(file, 60);
    const [recorded, , page, stale] = out.groups[0]!.rules;
    expect(recorded!.expr).toContain("[5s]");
    expect(recorded!.expr).not.toContain("[5m]");
    expect(page!.for).toBe("2s");
    expect(page!.expr).toContain("> 0.0144");
    expect(page!.expr).toContain(">= 3");
    expect(page!.expr).toContain("[1m]");
    expect(stale!.for).toBe("10s");
    expect(file.groups[0]!.rules[2]!.for).toBe("2m");
  });

  describe.skipIf(lacks("promtool"))("with promtool", () => {
    it("keeps every rule file of an example's pack valid", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "drill-rules-"));
      try {
        const monitoring = path.join(examplePath("level-1-forms-service"), "ops", "monitoring");
        for (const name of ["slo-rules.yml", "availability-rules.yml", "dependency-rules.yml"]) {
          const file = parse(readFileSync(path.join(monitoring, name), "utf8")) as RuleFile;
          const out = path.join(dir, name);
          writeFileSync(out, stringify(compressRuleFile(file, 60)));
          const report = execFileSync("promtool", ["check", "rules", out], { encoding: "utf8" });
          expect(report).toContain("SUCCESS");
          expect(readFileSync(out, "utf8")).not.toMatch(/\[(1h|6h|28d)\]/);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
