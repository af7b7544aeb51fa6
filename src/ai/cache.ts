import path from "node:path";
import { readInside, writeInside } from "../fs/safe.js";
import { z } from "zod";
import { answerSchema, type Answer } from "./answer.js";
import { payloadSchema, type Payload } from "./payload.js";
import { canonicalJson, sha256 } from "./request.js";

/** Where answers are recorded, relative to the service root; meant to be committed. */
export const AI_CACHE_DIR = ".govops/ai";

export const recordSchema = z
  .object({
    requestHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The model the API said answered. */
    model: z.string().min(1),
    /** When the answer arrived; replay reuses it so the profile stays byte-identical. */
    at: z.string().min(1),
    answerHash: z.string().regex(/^[0-9a-f]{64}$/),
    usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }).strict(),
    /** Exactly what the repository contributed to the question, for review before committing. */
    payload: payloadSchema,
    answer: answerSchema,
  })
  .strict();

export type AnswerRecord = z.infer<typeof recordSchema>;

/** Where answers are recorded, and the folder they must stay inside. */
export interface CacheLocation {
  cacheDir: string;
  cacheRoot: string;
}

function insideRoot(cache: CacheLocation, file: string): string {
  return path.relative(cache.cacheRoot, file).split(path.sep).join("/");
}

export function recordPath(cacheDir: string, requestHash: string): string {
  return path.join(cacheDir, `${requestHash}.json`);
}

/** The recorded answer for a request, or undefined; a corrupt record is reported, not trusted. */
export async function readRecord(
  cache: CacheLocation,
  requestHash: string,
  warn: (message: string) => void,
): Promise<AnswerRecord | undefined> {
  const file = recordPath(cache.cacheDir, requestHash);
  const text = await readInside(cache.cacheRoot, insideRoot(cache, file));
  if (text === undefined) return undefined;
  try {
    const record = recordSchema.parse(JSON.parse(text));
    if (record.requestHash === requestHash) return record;
    warn(`${file} records request ${record.requestHash}, not ${requestHash}: ignored`);
  } catch (error) {
    warn(`${file} is not a valid AI record (${(error as Error).message.split("\n")[0]}): ignored`);
  }
  return undefined;
}

/** Writes the record atomically inside the cache's root; no folder on the way may be a link out of it. */
export async function writeRecord(cache: CacheLocation, record: AnswerRecord): Promise<string> {
  const file = recordPath(cache.cacheDir, record.requestHash);
  await writeInside(cache.cacheRoot, insideRoot(cache, file), `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** A record of an answer that just arrived: its time is taken now, once, and replayed ever after. */
export function newRecord(fields: {
  requestHash: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number };
  payload: Payload;
  answer: Answer;
}): AnswerRecord {
  return recordSchema.parse({
    requestHash: fields.requestHash,
    model: fields.model,
    at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    answerHash: sha256(canonicalJson(fields.answer)),
    usage: { inputTokens: fields.usage.inputTokens, outputTokens: fields.usage.outputTokens },
    payload: fields.payload,
    answer: fields.answer,
  });
}
