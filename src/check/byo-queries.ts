import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GovopsError } from "../errors.js";
import { byoQueries } from "../packs/monitoring/byo-sli.js";
import type { Profile } from "../profile/schema.js";
import { yamlString } from "../render/escape.js";
import { runTool, toolMissing } from "./validators/promtool.js";

/**
 * Runs `promtool check rules` on a throwaway file holding each query the journeys bring (as the rules read it),
 * so a bad one fails `generate` naming its journey and key. Without promtool it warns: `check` validates the rules.
 */
export async function checkByoQueries(profile: Profile, warn: (message: string) => void): Promise<void> {
  const queries = byoQueries(profile);
  if (queries.length === 0) return;
  const dir = await mkdtemp(path.join(os.tmpdir(), "govops-sli-"));
  try {
    const file = path.join(dir, "sli-rules.yml");
    const groups = queries.map(
      (q, i) =>
        `  - name: q${i}\n    rules:\n      - record: govops:sli_check\n        expr: ${yamlString(q.expr)}\n`,
    );
    await writeFile(file, `groups:\n${groups.join("")}`);
    const result = await runTool("promtool", ["check", "rules", file]);
    if (toolMissing(result)) {
      warn(
        "promtool is not installed, so the journeys' own SLI queries are not checked yet: `govops check` validates them",
      );
      return;
    }
    if (result!.exitCode === 0) return;
    const output = result!.all ?? "";
    const line = output.split("\n").find((l) => /group "q\d+"/.test(l)) ?? "";
    const q = queries[Number(/group "q(\d+)"/.exec(line)?.[1] ?? 0)]!;
    const reason =
      line.replace(/^.*?"govops:sli_check": /, "") || output.trim().split("\n").pop() || "rejected";
    throw new GovopsError(
      "INVALID_CONFIG",
      `journey "${q.journey}": sli.${q.key} is not valid PromQL (promtool: ${reason})`,
      `Fix it in govops.config.yaml (journeys, id ${q.journey}), then run \`govops analyse\` to refresh the profile; govops checked it as: ${q.expr}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
