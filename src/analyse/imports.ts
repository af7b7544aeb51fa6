import type { FileIndex, ImportInfo } from "../scan/source-index.js";
import { localNames, resolveImport, type DetectorContext } from "./context.js";

/** One file importing another of the repository, with the local names it binds. */
export interface ImportEdge {
  file: FileIndex;
  target: FileIndex;
  names: ReadonlySet<string>;
}

interface Graph {
  /** Package name (`express`, `@aws-sdk/client-s3`) → the imports of it, in source order. */
  byPackage: Map<string, Array<{ file: FileIndex; imp: ImportInfo }>>;
  /** File → the repository files that import it. */
  importers: Map<string, ImportEdge[]>;
  order: Map<FileIndex, number>;
}

const graphs = new WeakMap<DetectorContext, Graph>();

/** Built once per analysis: detectors ask "who imports X" many times, and a scan per question is quadratic. */
export function importGraph(ctx: DetectorContext): Graph {
  let graph = graphs.get(ctx);
  if (!graph) {
    graph = { byPackage: new Map(), importers: new Map(), order: new Map(ctx.sources.map((s, i) => [s, i])) };
    addEdges(ctx, graph);
    graphs.set(ctx, graph);
  }
  return graph;
}

/**
 * The graph's edges. A loop of its own, with nothing after it: the optimised code V8 enters mid-loop on a
 * long first run is reused by the next context's run, and code after the loop it had never seen ran would
 * throw it away (and recompile) in each of a monorepo's package runs.
 */
function addEdges(ctx: DetectorContext, graph: Graph): void {
  for (const file of ctx.sources) {
    for (const imp of file.imports) {
      if (imp.typeOnly) continue;
      // `@/lib/x` or `~/src/x` through tsconfig paths is a repository file; anything else is a package.
      const target = resolveImport(ctx, file.rel, imp.module);
      if (!target && !imp.module.startsWith(".")) {
        const pkg = packageOf(imp.module);
        (graph.byPackage.get(pkg) ?? graph.byPackage.set(pkg, []).get(pkg)!).push({ file, imp });
        continue;
      }
      if (!target) continue;
      const edges = graph.importers.get(target.rel) ?? graph.importers.set(target.rel, []).get(target.rel)!;
      edges.push({ file, target, names: localNames(file, [imp.module]) });
    }
  }
}

export function packageOf(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Imports of any of the modules (exact, or a subpath such as `knex/types`), in source order. */
export function importsOfModules(
  ctx: DetectorContext,
  modules: readonly string[],
): Array<{ file: FileIndex; imp: ImportInfo }> {
  const { byPackage, order } = importGraph(ctx);
  const hits = [...new Set(modules.map(packageOf))].flatMap((pkg) =>
    (byPackage.get(pkg) ?? []).filter(({ imp }) =>
      modules.some((m) => imp.module === m || imp.module.startsWith(`${m}/`)),
    ),
  );
  return hits.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.imp.line - b.imp.line);
}
