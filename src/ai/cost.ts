/**
 * List prices in US dollars per million tokens by model family (input, output), from Anthropic's
 * published pricing for the Claude 4.5 generation. Newer models are assumed to cost the same as
 * their family: the figure printed is an estimate and says so.
 */
const PRICES: Array<[RegExp, number, number]> = [
  [/opus/, 5, 25],
  [/sonnet/, 3, 15],
  [/haiku/, 1, 5],
];
const FALLBACK: [number, number] = [5, 25];

export interface Usage {
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export function estimateCost(model: string, usage: Pick<Usage, "inputTokens" | "outputTokens">): number {
  const [, input, output] = PRICES.find(([family]) => family.test(model)) ?? [/./, ...FALLBACK];
  return (usage.inputTokens * input + usage.outputTokens * output) / 1_000_000;
}

/** A rough count for budgeting before a request is sent: about four characters a token for JSON and English. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function describeCost(model: string, usage: Usage): string {
  const dollars = estimateCost(model, usage);
  return (
    `AI: ${usage.requests} request(s) to ${model}, ${usage.inputTokens} input + ${usage.outputTokens} output tokens, ` +
    `estimated cost $${dollars.toFixed(4)} at list prices (check your own rate)`
  );
}
