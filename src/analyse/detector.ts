import type { DetectorContext } from "./context.js";
import type { Findings } from "./facts.js";

/** One concern of analysis. Small and plain: enabled by packages or files, returns findings with evidence. */
export interface Detector {
  id: string;
  title: string;
  /** Packages whose presence in any package.json enables the detector. */
  packages?: readonly string[];
  isEnabled(ctx: DetectorContext): boolean;
  detect(ctx: DetectorContext): Findings;
}

export function enabledByPackages(packages: readonly string[]) {
  return (ctx: DetectorContext): boolean => packages.some((p) => ctx.packages.has(p));
}
