import { accessSync, constants } from "node:fs";
import path from "node:path";
import { GovopsError } from "../errors.js";

/** The first of the names found as an executable on PATH. */
export function findOnPath(names: string[], pathVar = process.env.PATH ?? ""): string | undefined {
  for (const name of names)
    for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  return undefined;
}

export const INSTALL_LINE = "sudo apt-get install prometheus prometheus-alertmanager";

/** Prometheus and Alertmanager binaries (Debian names Alertmanager prometheus-alertmanager), or a clear error. */
export function drillTools(pathVar?: string): { prometheus: string; alertmanager: string } {
  const prometheus = findOnPath(["prometheus"], pathVar);
  const alertmanager = findOnPath(["alertmanager", "prometheus-alertmanager"], pathVar);
  const missing = [!prometheus && "prometheus", !alertmanager && "alertmanager"].filter(Boolean);
  if (!prometheus || !alertmanager)
    throw new GovopsError(
      "TOOL_MISSING",
      `A drill runs real Prometheus and Alertmanager: ${missing.join(" and ")} not found on PATH`,
      `Install them: ${INSTALL_LINE}`,
    );
  return { prometheus, alertmanager };
}
