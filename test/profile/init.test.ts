import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createInitCommand, type InitDeps } from "../../src/cli/commands/init.js";
import type { Prompts } from "../../src/cli/init-prompts.js";
import { run } from "../../src/cli/index.js";
import { parseConfig } from "../../src/profile/config-io.js";
import { withTempDir } from "../helpers.js";
import { CONTACT_ROLES } from "../../src/packs/shared/contacts.js";
import { loadBaseline } from "../../src/profile/baseline.js";

const sink = { write: () => true } as unknown as NodeJS.WritableStream;

async function init(dir: string, args: string[], deps: InitDeps = {}): Promise<void> {
  const program = new Command("govops").exitOverride();
  program.addCommand(createInitCommand({ isTTY: () => false, out: sink, ...deps }).exitOverride());
  await program.parseAsync(["node", "govops", "init", dir, ...args]);
}

const read = async (dir: string) => {
  const text = await readFile(path.join(dir, "govops.config.yaml"), "utf8");
  return { text, config: parseConfig(text, "govops.config.yaml") };
};

/** Answers prompts in order by matching their message; fails on a prompt nobody expected or a rejected answer. */
function scripted(script: Array<[RegExp, string]>): {
  prompts: Prompts;
  asked: string[];
  left: typeof script;
  offered: Map<string, Array<{ name: string; value: string }>>;
} {
  const left = [...script];
  const asked: string[] = [];
  const offered = new Map<string, Array<{ name: string; value: string }>>();
  const answer = (message: string, validate?: (v: string) => boolean | string) => {
    asked.push(message);
    const index = left.findIndex(([re]) => re.test(message));
    if (index < 0) throw new Error(`unexpected prompt: ${message}`);
    const [, value] = left.splice(index, 1)[0]!;
    const verdict = validate?.(value) ?? true;
    if (verdict !== true) throw new Error(`"${value}" rejected at "${message}": ${verdict}`);
    return value;
  };
  const prompts: Prompts = {
    input: async (c) => answer(c.message, c.validate),
    select: async (c) => {
      offered.set(c.message, c.choices);
      const value = answer(c.message);
      const choice = c.choices.find((ch) => ch.value === value);
      if (!choice) throw new Error(`"${value}" is not a choice at "${c.message}"`);
      return choice.value;
    },
  };
  return { prompts, asked, left, offered };
}

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe("govops init without prompts", () => {
  it("writes the config from flags with --yes", async () => {
    await withTempDir(async (dir) => {
      await init(dir, [
        "--yes",
        ...["--department", "Department for Work and Pensions", "--owner-team", "Enquiries"],
        ...["--contact", "Service owner:Sam Patel:sam.patel@example.gov.uk"],
        ...["--contact", "On call:Platform rota:https://rota.example.gov.uk/enquiries"],
        ...["--hosting", "kubernetes", "--ci", "gitlab", "--classification", "OFFICIAL-SENSITIVE"],
        ...["--availability", "99.9", "--latency-ms", "800", "--latency-target", "95%"],
        ...["--peak", "04-01..04-30 Benefit uprating", "--freeze", "12-23..01-02 Christmas cover"],
        ...["--fiscal-event", "2027-03-17"],
      ]);
      const { config } = await read(dir);
      expect(config.service).toEqual({
        department: "Department for Work and Pensions",
        ownerTeam: "Enquiries",
        hosting: "kubernetes",
        ciPlatform: "gitlab",
        dataClassification: "OFFICIAL-SENSITIVE",
      });
      expect(config.contacts?.escalation).toEqual([
        { role: "Service owner", name: "Sam Patel", contact: "sam.patel@example.gov.uk" },
        { role: "On call", name: "Platform rota", contact: "https://rota.example.gov.uk/enquiries" },
      ]);
      expect(config.defaults?.slo).toEqual({
        availability: 0.999,
        latency: { thresholdMs: 800, target: 0.95 },
      });
      expect(config.peakPeriods).toEqual([
        { id: "benefit-uprating", name: "Benefit uprating", start: "04-01", end: "04-30" },
      ]);
      expect(config.changeFreezes?.map((f) => [f.id, f.start, f.startTime, f.end, f.endTime])).toEqual([
        ["christmas-cover", "12-23", undefined, "01-02", undefined],
        ["fiscal-event-2027-03-17", "2027-03-16", "15:00", "2027-03-18", "10:00"],
      ]);
    });
  });

  it("without a terminal, names the missing flags, exits 2 and writes nothing", async () => {
    await withTempDir(async (dir) => {
      await expect(init(dir, ["--department", "DfE"])).rejects.toThrow(
        "init needs --owner-team, --contact, --classification: there is no terminal to ask on",
      );
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      await run(["node", "govops", "init", dir]);
      expect(process.exitCode).toBe(2);
      expect(stderr.mock.calls.join("")).toMatch(/--department, --owner-team, --contact, --classification/);
      await expect(access(path.join(dir, "govops.config.yaml"))).rejects.toThrow();
    });
  });

  it("keeps comments and unrelated fields when it edits an existing config", async () => {
    await withTempDir(async (dir) => {
      const before = [
        "# Decided at the service assessment, 2026-10-01.",
        "service:",
        "  department: DfE # policy owner",
        "  ownerTeam: Admissions",
        "  dataClassification: OFFICIAL",
        "contacts:",
        "  escalation:",
        "    - { role: Service owner, name: Ada, contact: ada@example.gov.uk }",
        "peakPeriods:",
        "  # National offer day",
        "  - { id: offer-day, name: Offer day, start: 03-01, end: 03-03 }",
        "",
      ].join("\n");
      await writeFile(path.join(dir, "govops.config.yaml"), before);
      await init(dir, ["--owner-team", "School admissions", "--peak", "10-20..10-31 Secondary deadline"]);
      const { text, config } = await read(dir);
      expect(text).toContain("# Decided at the service assessment, 2026-10-01.");
      expect(text).toContain("department: DfE # policy owner");
      expect(text).toContain("# National offer day");
      expect(config.service).toMatchObject({ department: "DfE", ownerTeam: "School admissions" });
      expect(config.peakPeriods?.map((p) => p.id)).toEqual(["offer-day", "secondary-deadline"]);
    });
  });

  it("refuses a malformed flag with what to write instead", async () => {
    await withTempDir(async (dir) => {
      await expect(init(dir, ["--yes", "--contact", "just a name"])).rejects.toThrow(/Invalid --contact/);
      await expect(init(dir, ["--yes", "--availability", "90"])).rejects.toThrow(
        /defaults\.slo\.availability: 0\.9 can never fire/,
      );
    });
  });
});

describe("govops init through its prompts", () => {
  const everything: Array<[RegExp, string]> = [
    [/^Service name/, "apply-for-dhp"],
    [/^Department/, "Leeds City Council"],
    [/^Team/, "Benefits digital"],
    [/^Escalation contact 1: role/, "other"],
    [/^Contact 1: role/, "Service owner"],
    [/^Contact 1: name/, "Priya Shah"],
    [/^Contact 1: email/, "priya.shah@example.gov.uk"],
    [/^Escalation contact 2: role/, ""],
    [/^Hosting target/, "other"],
    [/^Hosting target/, "council-vmware"],
    [/^CI platform/, "github"],
    [/^Availability SLO/, "99.9"],
    [/^Latency threshold/, "1500"],
    [/^Share of requests/, ""],
    [/^Peak periods/, "03-15..04-30 April renewals; 01-02..01-31 January"],
    [/^Change freezes/, ""],
    [/^Fiscal events/, "2027-03-17"],
    [/^Data classification/, "OFFICIAL-SENSITIVE"],
  ];

  it("asks for everything on a terminal and writes the answers", async () => {
    await withTempDir(async (dir) => {
      const { prompts, left } = scripted(everything);
      await init(dir, [], { prompts, isTTY: () => true });
      expect(left).toEqual([]);
      const { config } = await read(dir);
      expect(config.service).toEqual({
        name: "apply-for-dhp",
        department: "Leeds City Council",
        ownerTeam: "Benefits digital",
        hosting: "council-vmware",
        ciPlatform: "github",
        dataClassification: "OFFICIAL-SENSITIVE",
      });
      expect(config.contacts?.escalation).toEqual([
        { role: "Service owner", name: "Priya Shah", contact: "priya.shah@example.gov.uk" },
      ]);
      expect(config.defaults?.slo).toEqual({ availability: 0.999, latency: { thresholdMs: 1500 } });
      expect(config.peakPeriods?.map((p) => p.id)).toEqual(["april-renewals", "january"]);
      expect(config.changeFreezes?.map((p) => p.id)).toEqual(["fiscal-event-2027-03-17"]);
    });
  });

  it("asks only for what the flags did not give", async () => {
    await withTempDir(async (dir) => {
      const given = ["Department", "Team", "Hosting target", "Data classification"];
      const { prompts, asked } = scripted(everything.filter(([re]) => !given.some((g) => re.test(g))));
      await init(
        dir,
        ["--department", "DfE", "--owner-team", "T", "--hosting", "aws-ecs", "--classification", "OFFICIAL"],
        {
          prompts,
          isTTY: () => true,
        },
      );
      expect(asked.some((m) => /^Department|^Team|^Hosting|^Data classification/.test(m))).toBe(false);
      expect((await read(dir)).config.service).toMatchObject({ department: "DfE", hosting: "aws-ecs" });
    });
  });

  it("rejects an SLO target whose page alert could never fire, and a malformed period, at the prompt", async () => {
    await withTempDir(async (dir) => {
      const bad = everything.map(([re, v]): [RegExp, string] => [
        re,
        /Availability/.test(re.source) ? "90" : v,
      ]);
      await expect(init(dir, [], { prompts: scripted(bad).prompts, isTTY: () => true })).rejects.toThrow(
        /"90" rejected at "Availability SLO.*page alert can never fire/,
      );
      const badPeriod = everything.map(([re, v]): [RegExp, string] => [
        re,
        /Peak/.test(re.source) ? "April" : v,
      ]);
      await expect(
        init(dir, [], { prompts: scripted(badPeriod).prompts, isTTY: () => true }),
      ).rejects.toThrow(/"April" rejected at "Peak periods.*START\.\.END NAME/);
    });
  });

  it("offers the contact roles the pack uses as a list, and names the baseline value an empty answer keeps", async () => {
    await withTempDir(async (dir) => {
      await writeFile(
        path.join(dir, "govops.config.yaml"),
        "service:\n  level: 2\ncontacts:\n  escalation:\n    - { role: On-call engineer, name: Ops rota, contact: https://rota.example }\n",
      );
      const script = everything.flatMap(([re, v]): Array<[RegExp, string]> =>
        /Escalation contact 1/.test(re.source)
          ? [
              [re, "Incident lead"],
              [/^Contact 1: name/, "Sam Patel"],
              [/^Contact 1: email/, "sam@example.gov.uk"],
            ]
          : /^\^Contact 1/.test(re.source)
            ? []
            : [[re, v]],
      );
      const { prompts, left, offered, asked } = scripted(script);
      await init(dir, [], { prompts, isTTY: () => true });
      expect(left).toEqual([]);
      const first = offered.get("Escalation contact 1: role")!;
      expect(first.map((c) => c.value)).toEqual([...CONTACT_ROLES.map((r) => r.role), "other", ""]);
      expect(first[0]!.name).toBe(`On-call engineer: ${CONTACT_ROLES[0]!.when}`);
      expect(first.at(-1)!.name).toBe("Keep the 1 already listed: On-call engineer");
      const second = offered.get("Escalation contact 2: role")!.map((c) => c.value);
      expect(second).not.toContain("Incident lead");
      expect(second).toContain("On-call engineer");
      const { slo } = (await loadBaseline(2)).defaults;
      const availability = asked.find((m) => m.startsWith("Availability SLO"))!;
      expect(availability).toContain(`(empty keeps the level 2 baseline's ${slo.availability * 100}%)`);
      expect(asked.find((m) => m.startsWith("Latency threshold"))).toContain(
        `${slo.latency.thresholdMs} ms)`,
      );
      expect((await read(dir)).config.contacts?.escalation).toEqual([
        { role: "Incident lead", name: "Sam Patel", contact: "sam@example.gov.uk" },
      ]);
    });
  });

  it("before analysis has set a level, shows each level's baseline value", async () => {
    await withTempDir(async (dir) => {
      const { prompts, asked } = scripted(everything);
      await init(dir, [], { prompts, isTTY: () => true });
      const latency = asked.find((m) => m.startsWith("Latency threshold"))!;
      for (const level of [1, 2, 3, 4, 5])
        expect(latency).toContain(
          `${(await loadBaseline(level)).defaults.slo.latency.thresholdMs} ms at level ${level}`,
        );
    });
  });
});
