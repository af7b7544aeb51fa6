// npm run bench: analyses a large corpus and compares it with a plain ts.createSourceFile pass over the
// same files. Each measurement runs in a fresh child process so peak RSS belongs to that pass alone.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { copyInstalled, generateSynthetic } from "./corpus.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = path.join(ROOT, "dist", "analyse", "index.js");
const SYNTHETIC_LINES = Number(process.env.BENCH_SYNTHETIC_LINES ?? 450_000);
const INSTALLED_LINES = Number(process.env.BENCH_INSTALLED_LINES ?? 600_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** CPU time (user + system) in ms: on a shared machine it says more than wall time. */
function cpuSince(previous) {
  const { user, system } = process.cpuUsage(previous);
  return (user + system) / 1000;
}

async function child(mode, corpus, list) {
  if (mode === "analysis") {
    const { analyse } = await import(DIST);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const result = await analyse(corpus, { maxFiles: 1_000_000 });
    const ms = performance.now() - start;
    const cpuMs = cpuSince(cpu);
    const parsed = result.facts.skipped.filter((s) => !/syntax error/.test(s.reason)).map((s) => s.file);
    if (list) await writeFile(list, JSON.stringify({ skipped: parsed, stats: result.facts.stats }));
    return { ms, cpuMs, lines: result.facts.stats.lines, files: result.facts.stats.sourceFiles };
  }
  const { ts } = await import("ts-morph");
  const { scriptKindFor } = await import(path.join(ROOT, "dist", "scan", "source-index.js"));
  const files = JSON.parse(await readFile(list, "utf8")).files;
  const jsDocParsingMode =
    mode === "parse-nojsdoc" ? ts.JSDocParsingMode.ParseNone : ts.JSDocParsingMode.ParseAll;
  const start = performance.now();
  const cpu = process.cpuUsage();
  let lines = 0;
  for (const rel of files) {
    const text = readFileSync(path.join(corpus, rel), "utf8");
    const sf = ts.createSourceFile(
      rel,
      text,
      { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode },
      false,
      scriptKindFor(rel),
    );
    lines += sf.getLineStarts().length;
  }
  return { ms: performance.now() - start, cpuMs: cpuSince(cpu), lines, files: files.length };
}

function measure(mode, corpus, list) {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), "--child", mode, corpus, list],
    {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split("\n").pop());
}

async function main() {
  if (process.argv[2] === "--child") {
    const [, , , mode, corpus, list] = process.argv;
    const result = await child(mode, corpus, list);
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ...result, peakMiB })}\n`);
    return;
  }
  if (!existsSync(DIST)) {
    console.error("dist/ is missing: run `npm run build` first.");
    process.exitCode = 1;
    return;
  }
  const { looksMinified } = await import(path.join(ROOT, "dist", "scan", "read.js"));
  const corpus = await mkdtemp(path.join(tmpdir(), "govops-bench-"));
  try {
    console.log(`Building the corpus in ${corpus} …`);
    const synthetic = await generateSynthetic(path.join(corpus), SYNTHETIC_LINES);
    const installed = await copyInstalled(
      path.join(ROOT, "node_modules"),
      path.join(corpus, "installed"),
      INSTALLED_LINES,
      looksMinified,
    );
    console.log(
      `  generated services: ${synthetic.toLocaleString()} lines; installed packages' sources: ${installed.toLocaleString()} lines`,
    );

    const list = path.join(corpus, "..", `${path.basename(corpus)}-files.json`);
    const first = measure("analysis", corpus, list);
    const { skipped } = JSON.parse(await readFile(list, "utf8"));
    const notParsed = new Set(skipped);
    const { scanInventory } = await import(path.join(ROOT, "dist", "scan", "inventory.js"));
    const inventory = await scanInventory(corpus, { maxFiles: 1_000_000 });
    const files = inventory.files
      .map((f) => f.rel)
      .filter(
        (rel) =>
          /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(rel) && !/\.d\.[cm]?ts$/.test(rel) && !notParsed.has(rel),
      );
    await writeFile(list, JSON.stringify({ files }));

    // Rounds alternate the passes, so a busy spell on a shared machine falls on all of them alike. The first
    // analysis (which listed the files) counts towards the best of each pass but is in no round.
    const runs = { analysis: [first], parse: [], "parse-nojsdoc": [] };
    const paired = [];
    for (let round = 0; round < RUNS; round++) {
      const at = {};
      for (const mode of ["parse", "parse-nojsdoc", "analysis"]) {
        at[mode] = measure(mode, corpus, mode === "analysis" ? "" : list);
        runs[mode].push(at[mode]);
      }
      paired.push(at.analysis.cpuMs / at.parse.cpuMs);
    }
    const best = (mode) => runs[mode].reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
    const analysis = best("analysis");
    const parse = best("parse");
    const parseNoJsDoc = best("parse-nojsdoc");
    await rm(list, { force: true });

    const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
    const rate = (r) => `${Math.round(r.lines / (r.cpuMs / 1000)).toLocaleString()} lines/s`;
    const row = (label, r) =>
      console.log(
        `${label.padEnd(34)} CPU ${s(r.cpuMs)} (wall ${s(r.ms)}), ${rate(r)}, peak RSS ${r.peakMiB.toFixed(0)} MiB`,
      );
    console.log(
      `\nParsed ${analysis.files.toLocaleString()} files, ${analysis.lines.toLocaleString()} lines; best of ${RUNS} runs by CPU time (analysis: ${RUNS + 1})`,
    );
    row("analysis (scan, parse, walk, detect)", analysis);
    row("ts.createSourceFile (read + parse)", parse);
    row("  same, JSDoc parsing off", parseNoJsDoc);
    console.log(
      `Peak RSS per million lines: ${((analysis.peakMiB / analysis.lines) * 1e6).toFixed(0)} MiB (target < 1024)`,
    );
    console.log(
      `Ratio analysis / createSourceFile pass: ${(analysis.cpuMs / parse.cpuMs).toFixed(2)} (target <= 1.5)`,
    );
    console.log(
      `Ratio analysis / pass with JSDoc off:   ${(analysis.cpuMs / parseNoJsDoc.cpuMs).toFixed(2)}`,
    );
    // The machine's speed drifts between minutes, so the best of each pass may come from different spells. A
    // round runs both passes back to back: the median of the rounds' own ratios is the steadier figure.
    const sorted = [...paired].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    console.log(
      `Ratio in each round (both passes back to back): ${paired.map((r) => r.toFixed(2)).join(", ")}; median ${median.toFixed(2)}`,
    );
  } finally {
    await rm(corpus, { recursive: true, force: true });
  }
}

await main();
