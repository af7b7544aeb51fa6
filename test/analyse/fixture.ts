import { analyse, type Analysis } from "../../src/analyse/index.js";
import { fixturePath } from "../helpers.js";

const cache = new Map<string, Promise<Analysis>>();

/** The analysis of test/fixtures/analyse/<name>, once per test file. */
export function analyseFixture(name: string): Promise<Analysis> {
  if (!cache.has(name)) cache.set(name, analyse(fixturePath("analyse", name)));
  return cache.get(name)!;
}

export const routeKeys = (a: Analysis): string[] => a.facts.routes.map((r) => `${r.method} ${r.path}`);
export const where = (e: { file: string; line: number }): string => `${e.file}:${e.line}`;
