import { hostname } from "node:os";
import { z } from "zod";
import { GovopsError } from "../errors.js";
import { createExclusive, readInside, removeInside } from "./safe.js";

/** The lock a run holds on its output folder while it plans and writes. */
export const LOCK_FILE = "ops/.govops.lock";

// Strict, because a repository may commit a lock file and its fields reach the terminal.
const holderSchema = z
  .object({
    pid: z.number().int().positive(),
    host: z.string().regex(/^[\w.-]{1,253}$/),
    startedAt: z.iso.datetime(),
  })
  .strict();
type Holder = z.infer<typeof holderSchema>;

function parseHolder(text: string): Holder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A holder on another machine (a shared disk) cannot be checked, so it counts as running. */
function running(holder: Holder): boolean {
  if (holder.host !== hostname() || holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the lock on `root` (created with O_EXCL, holding this process id), or throws LOCKED naming the run that
 * holds it. A lock left by a process that is no longer running is stale and is taken over. Returns the release.
 */
export async function acquireLock(root: string, rel = LOCK_FILE): Promise<() => Promise<void>> {
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() })}\n`;
  let holder: Holder | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(root, rel, mine))
      return async () => {
        if ((await readInside(root, rel).catch(() => undefined)) === mine) await removeInside(root, rel);
      };
    const text = await readInside(root, rel);
    if (text === undefined) continue;
    holder = parseHolder(text);
    if (holder && running(holder)) break;
    // Stale (or unreadable): remove it only if no other run replaced it meanwhile.
    if ((await readInside(root, rel)) === text) await removeInside(root, rel);
  }
  throw new GovopsError(
    "LOCKED",
    `Another govops run${holder ? ` (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt})` : ""} is writing in ${root}`,
    `Wait for it to finish. If no govops is running, delete ${rel} and run again.`,
  );
}
