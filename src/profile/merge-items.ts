import type { z } from "zod";
import { GovopsError, formatZodIssues } from "../errors.js";
import { uniqueEvidence } from "./baseline-layer.js";
import { overlay } from "./patch.js";
import type { Provenance } from "./schema.js";

type Item = { provenance: Provenance };
type Patch = Record<string, unknown>;
type Keyed = { id?: unknown; field?: unknown };

export interface MergeItemsOptions<T extends Item> {
  /** The list's name in the profile and the config, for messages: "journeys". */
  what: string;
  key: (item: Keyed) => string;
  baseline: T[];
  ai: T[];
  analysis: T[];
  /** The user's items from the config, in file order: patches of existing items, or new items. */
  patches?: readonly object[];
  omit?: string[];
  /** Validates a new item from the config (the item schema without provenance). */
  complete: z.ZodType;
  /** Fields a new config item starts from, e.g. a default SLO. */
  seed?: Patch;
  /** Applies a patch; the default overlays top-level fields. */
  combine?: (lower: T, patch: Patch) => T;
  configFile: string;
}

/**
 * Merges one list across layers by key. Per field, the user's config wins, then analysis, then AI,
 * then the baseline; the item's provenance is the highest layer's, with the evidence of all of them.
 * Order is stable: analysis items, then baseline, then AI (by key), then new config items.
 */
export function mergeItems<T extends Item>(o: MergeItemsOptions<T>): T[] {
  const combine = o.combine ?? ((lower: T, patch: Patch) => overlay(lower, patch as Partial<T>));
  const key = (item: object) => o.key(item as Keyed);
  const ai = [...o.ai].sort((a, b) => key(a).localeCompare(key(b)));
  const layers = new Map<string, T[]>();
  for (const item of [...o.analysis, ...o.baseline, ...ai])
    (layers.get(key(item)) ?? layers.set(key(item), []).get(key(item))!).push(item);
  const merged = new Map([...layers].map(([id, items]) => [id, stack(items)] as const));
  for (const [index, patch] of (o.patches ?? []).entries()) {
    const id = key(patch);
    const lower = merged.get(id);
    const base = lower ?? ({ ...o.seed, provenance: { source: "user" } } as unknown as T);
    const next = combine(base, patch as Patch);
    if (!lower) assertComplete(o, next, index, id);
    const evidence = lower?.provenance.evidence;
    merged.set(id, { ...next, provenance: evidence ? { source: "user", evidence } : { source: "user" } });
  }
  for (const [index, id] of (o.omit ?? []).entries()) {
    if (!merged.delete(id))
      throw new GovopsError(
        "INVALID_CONFIG",
        `${o.configFile}: omit.${o.what}.${index}: there is no ${o.what} item "${id}" to omit`,
        `Known ids: ${[...merged.keys()].join(", ") || "none"}.`,
      );
  }
  return [...merged.values()];
}

const RANK: Record<Provenance["source"], number> = { baseline: 0, ai: 1, analysis: 2, user: 3 };

/** Items with one key from different layers: per field, the highest layer that sets it wins. */
function stack<T extends Item>(items: T[]): T {
  const ranked = [...items].sort((a, b) => RANK[a.provenance.source] - RANK[b.provenance.source]);
  const top = ranked[ranked.length - 1]!;
  const evidence = uniqueEvidence([...ranked].reverse().flatMap((i) => i.provenance.evidence ?? []));
  // Keep the AI answer's identity when it contributed below the top layer, so replays can name it.
  const ai = [...ranked].reverse().find((i) => i.provenance.ai)?.provenance.ai;
  const provenance: Provenance = {
    ...top.provenance,
    ...(evidence.length ? { evidence } : {}),
    ...(ai ? { ai } : {}),
  };
  return { ...ranked.reduce((low, high) => overlay(low, high)), provenance };
}

function assertComplete<T extends Item>(o: MergeItemsOptions<T>, item: T, index: number, key: string): void {
  const fields: Record<string, unknown> = { ...item };
  delete fields.provenance;
  const result = o.complete.safeParse(fields);
  if (result.success) return;
  const issues = formatZodIssues(result.error).map((l) => `${o.what}.${index}.${l}`);
  throw new GovopsError(
    "INVALID_CONFIG",
    `${o.configFile}: "${key}" is not a known ${o.what} item, so it must be complete: ${issues.join("; ")}`,
    `Use the id of an existing item to change it (\`govops analyse --json\` lists them), or give every required field.`,
  );
}
