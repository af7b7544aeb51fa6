import type { CallSite, FileIndex } from "../scan/source-index.js";
import { callsOn, isNonProductionPath, localNames, type DetectorContext } from "./context.js";

export interface ClientUse {
  file: FileIndex;
  module: string;
  /** The first call made on the module's imports, or undefined when it is only imported. */
  call?: CallSite;
  line: number;
}

/** Where production code uses any of the modules: the first call on their imports, else the import line. */
export function clientUses(ctx: DetectorContext, modules: readonly string[]): ClientUse[] {
  const uses: ClientUse[] = [];
  for (const file of ctx.sources) {
    if (isNonProductionPath(file.rel)) continue;
    for (const imp of file.imports) {
      if (!modules.some((m) => imp.module === m || imp.module.startsWith(`${m}/`))) continue;
      const call = callsOn(file, localNames(file, [imp.module]))[0];
      uses.push({ file, module: imp.module, call, line: call?.line ?? imp.line });
    }
  }
  return uses;
}

const ENV_IN_TEXT = /process\.env(?:\.([A-Z0-9_]+)|\[["']([A-Z0-9_]+)["']\])/;

/** The env var a call's arguments read (e.g. `connectionString: process.env.DATABASE_URL`). */
export function envVarInCall(call: CallSite | undefined): string | undefined {
  if (!call) return undefined;
  const stack = [...call.args];
  while (stack.length) {
    const a = stack.pop()!;
    const m = ENV_IN_TEXT.exec(a.text);
    if (m) return m[1] ?? m[2];
    if (a.props) stack.push(...Object.values(a.props));
    if (a.items) stack.push(...a.items);
  }
  return undefined;
}
