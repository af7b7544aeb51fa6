// Types for scoring.mjs, so the TypeScript unit test can import it.
import type { z } from "zod";

export declare const VOCABULARY: {
  frameworks: string[];
  datastores: string[];
  integrationKinds: string[];
  auth: string[];
  personalData: string[];
};
export declare const expectationSchema: z.ZodType<Expectation>;

export interface Expectation {
  repo: string;
  commit: string;
  frameworks: string[];
  routes: string[];
  route_patterns?: string[];
  datastores: string[];
  integrations: Array<{ name: string; kind: string; aliases: string[]; env: string[] }>;
  auth: string[];
  personal_data: string[];
  health: string[];
  metrics: string[];
  logger: string[];
  graceful_shutdown: boolean;
  outbound_timeouts: "all" | "some" | "none" | "no-outbound";
  level: number | "unsure";
  level_alternatives: number[];
  why: string;
  optional: Partial<Record<"routes" | "datastores" | "integrations" | "auth" | "personal_data", string[]>>;
  notes?: string;
}

export interface FieldScore {
  precision: number | null;
  recall: number | null;
  correct: number;
  actual: number;
  found: number;
  expected: number;
  missed?: string[];
  unexpected?: string[];
  duplicates?: number;
  exact?: boolean;
}

type SetField = "routes" | "frameworks" | "datastores" | "integrations" | "auth" | "personalData";
type Check = "auth" | "health" | "metrics" | "logger" | "shutdown" | "timeouts";

export interface ServiceScore {
  repo: string;
  sets: Record<SetField, FieldScore>;
  level: { outcome: "right" | "unsure" | "wrong"; actual: unknown; expected: number | "unsure" };
  checks: Record<Check, boolean>;
  actual: { health: string[]; metrics: string; logger: string; shutdown: boolean; timeouts: string };
  testEvidence: { count: number; files: string[] };
}

export interface AnalysisLike {
  facts: import("../src/analyse/facts.js").Facts;
  level: { value: number | "unsure"; unsure?: boolean };
}

export declare function normalisePath(path: string): string;
export declare function isUnresolved(path: string): boolean;
export declare function normaliseName(name: string): string;
export declare function timeoutsOf(integrations: AnalysisLike["facts"]["integrations"]): string;
export declare function evidenceInTests(facts: AnalysisLike["facts"]): { count: number; files: string[] };
export declare function scoreService(expectation: Expectation, analysis: AnalysisLike): ServiceScore;
export declare function totals(scores: ServiceScore[]): {
  services: number;
  sets: Record<SetField, FieldScore>;
  level: Record<"right" | "unsure" | "wrong", number>;
  checks: Record<Check, number>;
  testEvidence: number;
};
