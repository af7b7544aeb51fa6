import type { AiProposals } from "../profile/merge.js";
import type { Profile } from "../profile/schema.js";
import { parseAnswer } from "./answer.js";
import { newRecord, readRecord, writeRecord } from "./cache.js";
import { askModel, createClient, describeError, messageBody, type ModelReply } from "./client.js";
import { describeCost, estimateCost, estimateTokens, type Usage } from "./cost.js";
import { startDeadline } from "./limits.js";
import type { ResolvedAiOptions } from "./options.js";
import { buildPayload } from "./payload.js";
import { toProposals } from "./proposals.js";
import {
  buildRequest,
  canonicalJson,
  requestHash,
  retryRequest,
  sha256,
  type MessagesRequest,
} from "./request.js";

/** Output tokens asked for per attempt, and the least worth asking for. */
const MAX_OUTPUT = 8000;
const MIN_OUTPUT = 1500;

export type EnrichStatus = "recorded" | "replayed" | "dry-run" | "skipped" | "dropped" | "failed";

export interface EnrichResult {
  status: EnrichStatus;
  requestHash: string;
  /** Only when an answer was recorded or replayed. */
  proposals?: AiProposals;
  /** The exact request body that would be sent (dry run), or was sent first. */
  body: ReturnType<typeof messageBody>;
  redactions: Record<string, number>;
  usage: Usage;
  costUsd: number;
  recordFile?: string;
}

/**
 * Asks the model for proposals about a deterministic profile, or replays the recorded answer to the
 * same question. Any failure leaves the deterministic profile standing, with a warning.
 */
export async function proposeEnrichment(base: Profile, o: ResolvedAiOptions): Promise<EnrichResult> {
  const { payload, redactions } = buildPayload(base);
  const request = buildRequest(payload, o.model);
  const hash = requestHash(request);
  const inputEstimate = estimateTokens(JSON.stringify(messageBody(request, 0)));
  const usage: Usage = { requests: 0, inputTokens: 0, outputTokens: 0 };
  const result = (status: EnrichStatus, extra: Partial<EnrichResult> = {}): EnrichResult => ({
    status,
    requestHash: hash,
    body: messageBody(request, outputLimit(o.maxTokens, inputEstimate)),
    redactions,
    usage,
    costUsd: estimateCost(o.model, usage),
    ...extra,
  });
  const known = {
    journeys: new Set(base.journeys.map((j) => j.id)),
    dependencies: new Set(base.dependencies.map((d) => d.id)),
  };

  if (o.dryRun) {
    const counts = Object.entries(redactions).map(([rule, n]) => `${rule} ×${n}`);
    const most = { inputTokens: inputEstimate, outputTokens: outputLimit(o.maxTokens, inputEstimate) };
    o.info(`AI dry run: redacted before sending: ${counts.join(", ") || "nothing"}`);
    o.info(
      `AI dry run: nothing sent. About ${inputEstimate} input tokens; at most $${estimateCost(o.model, most).toFixed(4)}`,
    );
    if (await readRecord(o, hash, o.warn))
      o.info(
        `AI dry run: an answer is recorded for request ${hash.slice(0, 12)}, so --ai would replay it and send nothing`,
      );
    return result("dry-run");
  }
  const recorded = await readRecord(o, hash, o.warn);
  if (recorded) {
    const replay = parseAnswer(JSON.stringify(recorded.answer), known);
    const intact = sha256(canonicalJson(recorded.answer)) === recorded.answerHash;
    if (replay.ok && intact) {
      o.info(`AI: replayed the recorded answer for request ${hash.slice(0, 12)} (nothing sent, no cost)`);
      return result("replayed", { proposals: toProposals(replay.answer, base, recorded) });
    }
    o.warn(
      `AI: the recorded answer for request ${hash.slice(0, 12)} ${intact ? `no longer validates (${replay.ok || replay.error})` : "does not match its answer hash"}: ignored`,
    );
  }
  if (!o.apiKey) {
    o.warn(
      `AI: ANTHROPIC_API_KEY is not set and no answer is recorded for request ${hash.slice(0, 12)}: the profile has no AI items`,
    );
    return result("skipped");
  }
  if (inputEstimate + MIN_OUTPUT > o.maxTokens) {
    o.warn(
      `AI: the request needs about ${inputEstimate + MIN_OUTPUT} tokens, over the budget of ${o.maxTokens}: not sent`,
    );
    return result("skipped");
  }

  const client = await createClient({ baseURL: o.baseURL, apiKey: o.apiKey });
  // One limit for the whole step: both attempts, every retry and every wait the server asks for.
  const limits = { deadline: startDeadline(o.timeoutMs), maxRetries: o.maxRetries };
  let asked: MessagesRequest = request;
  let reply: ModelReply | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const spent = usage.inputTokens + usage.outputTokens;
    const estimate = estimateTokens(JSON.stringify(messageBody(asked, 0)));
    if (attempt > 1 && spent + estimate + MIN_OUTPUT > o.maxTokens) {
      o.warn(`AI: no budget left to ask again (${spent} of ${o.maxTokens} tokens spent)`);
      break;
    }
    try {
      reply = await askModel(client, asked, outputLimit(o.maxTokens - spent, estimate), limits);
    } catch (caught) {
      if (usage.requests) o.info(describeCost(reply?.model ?? o.model, usage));
      o.warn(`AI: ${await describeError(caught)}; the profile has no AI items`);
      return result("failed");
    }
    usage.requests += 1;
    usage.inputTokens += reply.inputTokens;
    usage.outputTokens += reply.outputTokens;
    const parsed = parseAnswer(reply.text, known);
    if (parsed.ok) {
      o.info(describeCost(reply.model, usage));
      const record = newRecord({
        requestHash: hash,
        model: reply.model,
        usage,
        payload,
        answer: parsed.answer,
      });
      const recordFile = await writeRecord(o, record);
      return result("recorded", { proposals: toProposals(record.answer, base, record), recordFile });
    }
    o.warn(`AI: answer ${attempt} was invalid (${parsed.error})`);
    asked = retryRequest(request, parsed.error);
  }
  o.info(describeCost(reply?.model ?? o.model, usage));
  o.warn("AI: dropped the answer; the deterministic profile stands");
  return result("dropped");
}

function outputLimit(budget: number, inputEstimate: number): number {
  return Math.max(1, Math.min(MAX_OUTPUT, budget - inputEstimate));
}
