import { accessSync, constants } from "node:fs";
import path from "node:path";

/** The system tools some tests run, and the Debian package that brings each. */
export const SYSTEM_TOOLS = {
  promtool: "prometheus",
  amtool: "prometheus-alertmanager",
  shellcheck: "shellcheck",
  yamllint: "yamllint",
  chromium: "chromium",
} as const;

export type SystemTool = keyof typeof SYSTEM_TOOLS;

function onPath(name: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function missingTools(tools: readonly SystemTool[] = Object.keys(SYSTEM_TOOLS) as SystemTool[]) {
  return tools.filter((tool) => !onPath(tool));
}

export function installHint(tools: readonly SystemTool[]): string {
  const packages = [...new Set(tools.map((t) => SYSTEM_TOOLS[t]))].join(" ");
  return `apt-get install -y --no-install-recommends ${packages}`;
}

/**
 * For `describe.skipIf(lacks(...))`: true when a tool is missing on a developer's machine, so the tests that need
 * it are skipped (the global setup has said which and how to install it). Under CI the global setup has already
 * failed the run, so these tests can never be skipped there.
 */
export function lacks(...tools: SystemTool[]): boolean {
  return missingTools(tools).length > 0;
}
