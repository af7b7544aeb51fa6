import type { Detector } from "../detector.js";
import { repoFiles } from "../conventions/files.js";
import { nodeVersion } from "../conventions/node-version.js";
import {
  coverageTools,
  engineStrict,
  packageManager,
  scriptRoles,
  testRunner,
} from "../conventions/package-manager.js";
import { ciFiles, ciGates, deployPlatforms, hygieneFiles } from "../conventions/platform.js";

/**
 * How the repository already works: its Node version and package manager, its script names, the CI and
 * deploy it runs and the hygiene files it keeps. The delivery pack fits these instead of imposing its own.
 */
export const repoConventionsDetector: Detector = {
  id: "repo-conventions",
  title: "Node version, package manager, scripts, existing CI, deploy and hygiene files",
  // The root package only: workspace members share the repository's conventions.
  isEnabled: (ctx) => ctx.paths.includes("package.json"),
  detect(ctx) {
    const files = repoFiles(ctx);
    let pkg: Record<string, unknown> = {};
    try {
      pkg = JSON.parse(files.read("package.json") ?? "{}") as Record<string, unknown>;
    } catch {
      // An unreadable package.json leaves the defaults: npm, no scripts.
    }
    const pm = packageManager(files, pkg);
    const scripts = scriptRoles(pkg);
    const runner = testRunner(pkg, scripts);
    const ci = ciFiles(files);
    return {
      repo: {
        node: nodeVersion(files, pkg, engineStrict(files, pm)),
        packageManager: pm,
        scripts,
        ...(runner ? { testRunner: runner } : {}),
        coverageTools: coverageTools(pkg),
        ci,
        ciGates: ciGates(files, ci),
        ...deployPlatforms(files, ci),
        hygiene: hygieneFiles(files),
      },
    };
  },
};
