import type { Detector } from "../detector.js";
import { ev, isNonProductionPath } from "../context.js";
import type { Findings } from "../facts.js";

const ENV_FILE = /(^|\/)\.env\.(example|sample|template|dist)$|(^|\/)\.env-example$/;

export const envVarsDetector: Detector = {
  id: "env-vars",
  title: "Configuration surface: env vars read in code and listed in .env examples",
  isEnabled: () => true,
  detect(ctx) {
    const envVars = new Map<string, NonNullable<Findings["envVars"]>[number]>();
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      for (const read of file.envReads) {
        if (!envVars.has(read.name))
          envVars.set(read.name, { name: read.name, evidence: ev(file.rel, read.line) });
      }
    }
    for (const file of ctx.textFiles) {
      if (!ENV_FILE.test(file.rel)) continue;
      file.text.split("\n").forEach((line, i) => {
        const m = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/.exec(line);
        if (m && !envVars.has(m[1]!)) envVars.set(m[1]!, { name: m[1]!, evidence: ev(file.rel, i + 1) });
      });
    }
    return { envVars: [...envVars.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  },
};
