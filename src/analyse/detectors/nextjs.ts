import type { Detector } from "../detector.js";
import { enabledByPackages } from "../detector.js";
import { ev, isNonProductionPath, perFile, resolveImport, type DetectorContext } from "../context.js";
import type { FileIndex } from "../../scan/source-index.js";
import type { Findings, Route } from "../facts.js";
import { joinPath, normaliseMethod } from "../routes/paths.js";
import { exported, stringsOf } from "../routes/resolve.js";
import { argText } from "../../scan/syntax.js";

const PACKAGES = ["next"];
const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const EXT = String.raw`\.(?:[cm]?[jt]sx?)`;
/** pages/ (or src/pages/) at a Next.js package's root: API routes and pages. */
const PAGES = new RegExp(String.raw`^(?:src/)?pages/(.+?)${EXT}$`);
const PAGES_DIR = /^(?:src\/)?pages\/(.+)$/;
/** app/ (or src/app/): route handlers and pages. */
const CONFIG = /(^|\/)next\.config\.[cm]?[jt]s$/;
const APP = new RegExp(String.raw`^(?:src/)?app/(?:(.+)/)?(route|page)${EXT}$`);
/** Helpers that read a submitted form's body: next-connect's and hand-written `parseBody(req)`, raw-body. */
const BODY_READER = /^(parseBody|getBody|getRawBody|readBody|parseForm|getFormData)$/;

/** A module that takes a POST: it compares the request's method with POST, or reads a submitted body. */
const takesPost = perFile(
  (file: FileIndex): boolean =>
    file.methodChecks.some((m) => m.name === "POST") || file.calls.some((c) => BODY_READER.test(c.name)),
);

/**
 * Whether a page hands its request to a helper of the repository's own that takes a POST
 * (`callServiceMethod(req, res, …)` checking `req.method === 'POST'`, `postQuestion(req, …)` parsing the body).
 */
function postsThroughHelper(ctx: DetectorContext, page: FileIndex): boolean {
  for (const imp of page.imports) {
    if (imp.typeOnly || !imp.module.startsWith(".")) continue;
    const target = resolveImport(ctx, page.rel, imp.module);
    if (!target || isNonProductionPath(target.rel) || !takesPost(target)) continue;
    const names = new Set([imp.default, ...imp.names].filter((n): n is string => Boolean(n)));
    if (page.calls.some((c) => names.has(c.callee) && c.args.some((a) => /^(\w+\.)?req$/.test(argText(a)))))
      return true;
  }
  return false;
}

export const nextjsDetector: Detector = {
  id: "nextjs",
  title: "Next.js API routes, route handlers and pages, from the file system",
  packages: PACKAGES,
  isEnabled: enabledByPackages(PACKAGES),
  detect(ctx) {
    const findings: Required<Pick<Findings, "frameworks" | "routes">> = { frameworks: [], routes: [] };
    const configs = ctx.paths.filter((p) => CONFIG.test(p));
    const configDirs = configs.map((p) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ""));
    const byRoot = new Map<string, { extensions?: string[]; basePath: string }>();
    /**
     * From the root's next.config: `pageExtensions` (only files ending in one of them are pages) and
     * `basePath` (every route sits under it; `process.env.X || '/x'` gives its default).
     */
    const settings = (root: string) => {
      let found = byRoot.get(root);
      if (found) return found;
      const dir = root ? `${root}/` : "";
      const config = ctx.sources.find(
        (s) => CONFIG.test(s.rel) && s.rel.slice(0, s.rel.lastIndexOf("/") + 1) === dir,
      );
      const values = config ? exported(ctx, config) : [];
      const prop = (name: string) =>
        values.flatMap((v) => (v.arg.props?.[name] ? [{ file: v.file, arg: v.arg.props[name] }] : []))[0];
      const exts = prop("pageExtensions");
      const list = exts?.arg.items?.flatMap((i) => stringsOf(ctx, exts.file, i));
      const base = prop("basePath");
      const basePath = (base && stringsOf(ctx, base.file, base.arg).find((p) => p.startsWith("/"))) ?? "";
      byRoot.set(root, (found = { extensions: list?.length ? list : undefined, basePath }));
      return found;
    };
    const roots = ctx.manifests
      .filter((m) => m.deps.has("next") || configDirs.includes(m.dir))
      .map((m) => m.dir)
      .sort((a, b) => b.length - a.length);
    for (const file of ctx.sources) {
      if (isNonProductionPath(file.rel)) continue;
      const root = roots.find((r) => r === "" || file.rel.startsWith(`${r}/`));
      if (root === undefined) continue;
      const rel = root ? file.rel.slice(root.length + 1) : file.rel;
      const at = (line: number) => ev(file.rel, line);
      const { extensions, basePath } = settings(root);
      const toPath = (segments: string[]) => joinPath(basePath || "/", pathOf(segments));
      const page = pageOf(rel, extensions);
      const app = APP.exec(rel);
      if (page && file.defaultExportLine !== undefined) {
        const segments = page[1]!.split("/");
        if (segments.some((s) => s.startsWith("_")) || /^(404|500)$/.test(page[1]!)) continue;
        const isApi = segments[0] === "api";
        // A page whose getServerSideProps runs on every request also takes the POST of a form it renders, or
        // of one a helper it hands the request to handles.
        const posts =
          file.exports.some((e) => e.name === "getServerSideProps") &&
          (file.formMethods.some((m) => m.name === "POST") || postsThroughHelper(ctx, file));
        const methods = isApi
          ? [...new Set(file.methodChecks.map((m) => m.name))]
          : posts
            ? ["GET", "POST"]
            : ["GET"];
        for (const method of methods.length ? methods : ["ALL"])
          findings.routes.push(route(method, toPath(segments), at(file.defaultExportLine)));
      } else if (app) {
        const segments = (app[1] ?? "").split("/").filter(Boolean);
        if (segments.some((s) => s.startsWith("_"))) continue;
        if (app[2] === "page" && file.defaultExportLine !== undefined)
          findings.routes.push(route("GET", toPath(segments), at(file.defaultExportLine)));
        if (app[2] === "route")
          for (const exp of file.exports.filter((e) => METHODS.has(e.name)))
            findings.routes.push(route(exp.name, toPath(segments), at(exp.line)));
      }
    }
    const config = configs[0];
    const first = findings.routes[0];
    if (first || config)
      findings.frameworks.push({ name: "nextjs", evidence: first ? first.evidence : ev(config!, 1) });
    return findings;
  },
};

/** The page's path segments, when the file under pages/ is a page (`[id].page.tsx` with pageExtensions). */
function pageOf(rel: string, extensions: string[] | undefined): RegExpExecArray | [string, string] | null {
  if (!extensions) return PAGES.exec(rel);
  const inPages = PAGES_DIR.exec(rel);
  const ext = inPages && extensions.find((e) => inPages[1]!.endsWith(`.${e}`));
  return ext ? [rel, inPages[1]!.slice(0, -(ext.length + 1))] : null;
}

function route(method: string, path: string, evidence: Route["evidence"]): Route {
  return { method: normaliseMethod(method), path, framework: "nextjs", evidence };
}

/** `api/users/[id]` → `/api/users/:id`; `[...slug]` → `:slug*`; route groups `(x)` and `@slots` vanish. */
export function pathOf(segments: string[]): string {
  const parts = segments
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s) => s.replace(/^\[\[?\.\.\.(\w+)\]?\]$/, ":$1*").replace(/^\[(\w+)\]$/, ":$1"));
  if (parts[parts.length - 1] === "index") parts.pop();
  return `/${parts.join("/")}`;
}
