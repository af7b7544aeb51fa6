import type { Detector } from "../detector.js";
import {
  callsMatching,
  callsNamed,
  ev,
  isNonProductionPath,
  perFile,
  productionSources,
} from "../context.js";
import type { Findings } from "../facts.js";
import type { FileIndex } from "../../scan/source-index.js";
import { AUTH } from "./auth.js";
import { isAuthModule } from "./custom-auth.js";
import { argText } from "../../scan/syntax.js";

/** The signal that a sign-in guards every route the service serves (health checks aside). */
export const SIGN_IN_ON_ALL_ROUTES = "sign-in-on-all-routes";

type Signal = NonNullable<Findings["signals"]>[number];

const SIGN_IN_LIBRARIES = AUTH.filter((a) => a.kind !== "session").flatMap((a) => a.modules);
/** Browser sign-in libraries an SPA wraps itself in; the API behind it sees only their tokens. */
const SPA_SIGN_IN =
  /^(@azure\/msal-(react|browser|angular)|react-oidc-context|oidc-client-ts|@auth0\/auth0-(react|spa-js)|keycloak-js|@react-keycloak\/web)$/;
const SPA_REDIRECT =
  /^(loginRedirect|loginPopup|acquireTokenRedirect|signinRedirect|loginWithRedirect|withAuthenticationRequired|useMsalAuthentication)$/;
const SPA_ROOT = /^(createRoot|render|hydrateRoot|bootstrapModule)$/;
/** Mounts that are not the service's pages: health, metrics, static files, favicons. */
const NOT_A_PAGE = /health|actuator|metrics|ping|static|public|assets|favicon|mock/i;

/** A router mounted without a path: `app.use(routes())`, `app.use(require('./routes'))`. */
const ROUTER = /^[\w$.]*(routes?|router|controllers?)\b|require\([^)]*(routes?|router|controllers?)/i;
const ROUTE_METHODS = ["get", "post", "put", "patch", "delete", "all"];
const USE = ["use"];
const DEFAULTS = /default$|^useGlobalGuards$/;
/** Share of route definitions a per-route sign-in must guard to guard the service, the rest being sign-in pages, health checks and assets. */
const MOST = 0.75;

/** Which module an argument of `app.use(…)` comes from: `require('./x')`, or a name imported from it. */
function moduleOf(file: FileIndex, text: string): string | undefined {
  const required = /require\(\s*['"`]([^'"`]+)['"`]\s*\)/.exec(text)?.[1];
  if (required) return required;
  const root = /^[\w$]+/.exec(text)?.[0];
  if (!root) return undefined;
  return file.imports.find((i) => i.default === root || i.namespace === root || i.names.includes(root))
    ?.module;
}

function isSignIn(module: string, text: string): boolean {
  if (module.startsWith(".")) return isAuthModule(module);
  if (module === "passport") return /\.authenticate\(/.test(text);
  return SIGN_IN_LIBRARIES.some((m) => module === m || module.startsWith(`${m}/`));
}

/**
 * Global middleware: `app.use(auth)` with no path, before most of the routers the same file mounts. Routers mounted
 * before it (health, metrics, static files) are not behind it, which is why it must come first for the pages.
 */
function globalMiddleware(file: FileIndex): Signal | undefined {
  const uses = callsNamed(file, USE).filter((c) => c.root !== "?");
  for (const call of uses) {
    if (call.args.length !== 1 && call.args[0]?.value !== "/") continue;
    const arg = call.args.find((a) => {
      const module = moduleOf(file, argText(a));
      return module !== undefined && isSignIn(module, argText(a));
    });
    if (!arg) continue;
    const mounts = (before: boolean) =>
      uses.filter(
        (c) =>
          c !== call &&
          before === c.line < call.line &&
          (c.args.length > 1 || ROUTER.test(argText(c.args[0]) ?? "")) &&
          !NOT_A_PAGE.test(c.args.map((a) => argText(a)).join(" ")),
      ).length;
    if (mounts(false) > 0 && mounts(false) > mounts(true))
      return {
        name: SIGN_IN_ON_ALL_ROUTES,
        evidence: ev(file.rel, call.line, `${call.callee}(${argText(arg)})`),
      };
  }
  return undefined;
}

/** hapi `server.auth.default(…)`, NestJS `app.useGlobalGuards(new AuthGuard())`: every route unless it opts out. */
function frameworkDefault(file: FileIndex): Signal | undefined {
  // A callee ending `.auth.default` has a name ending `default` (the whole callee when it is wrapped).
  const call = callsMatching(file, DEFAULTS).find(
    (c) =>
      (/\.auth\.default$/.test(c.callee) && c.args.length > 0) ||
      (c.name === "useGlobalGuards" &&
        /auth|jwt|oidc|session|login/i.test(c.args.map((a) => argText(a)).join())),
  );
  return call && { name: SIGN_IN_ON_ALL_ROUTES, evidence: ev(file.rel, call.line, `${call.callee}(…)`) };
}

/**
 * Sign-in named on nearly every route definition: `app.get(path, auth.verify, handler)` with the guard from an auth
 * module, or hapi route modules with `auth: { access: { scope } }`. The few left are sign-in pages and health checks.
 */
function perRouteGuards(sources: FileIndex[]): Signal | undefined {
  let total = 0;
  let guarded = 0;
  let first: { file: string; line: number } | undefined;
  for (const file of sources) {
    const own = routeGuards(file);
    total += own.total;
    guarded += own.guarded;
    first ??= own.first;
  }
  if (!first || total < 10 || guarded < total * MOST) return undefined;
  return {
    name: SIGN_IN_ON_ALL_ROUTES,
    evidence: ev(first.file, first.line, `sign-in on ${guarded} of ${total} route definitions`),
  };
}

interface Guards {
  total: number;
  guarded: number;
  first?: { file: string; line: number };
}

/** One file's route definitions and how many name a sign-in (remembered per file for the package runs). */
const routeGuards = perFile(countGuards);

function countGuards(file: FileIndex): Guards {
  let total = 0;
  let guarded = 0;
  let first: { file: string; line: number } | undefined;
  for (const call of callsNamed(file, ROUTE_METHODS)) {
    if (!call.args[0]?.value?.startsWith("/")) continue;
    total++;
    const guard = call.args.slice(1).some((a) => {
      const module = moduleOf(file, argText(a));
      return module !== undefined && isSignIn(module, argText(a));
    });
    if (guard) guarded++;
    if (guard) first ??= { file: file.rel, line: call.line };
  }
  if (!file.properties.some((p) => p.name === "method")) return { total, guarded, first };
  // The index keeps one `access` per file: a route module that sets it is taken as guarding its routes.
  const paths = file.properties.filter((p) => p.name === "path" && p.value?.startsWith("/")).length;
  const access = file.properties.find((p) => p.name === "access");
  total += paths;
  if (access && paths) {
    guarded += paths;
    first ??= { file: file.rel, line: access.line };
  }
  return { total, guarded, first };
}

/** An API Gateway authoriser the API definition puts on its routes (OpenAPI `security`, CDK default authoriser). */
function gatewayAuthoriser(file: FileIndex): Signal | undefined {
  const names = new Set(file.properties.map((p) => p.name));
  const openApi = names.has("x-amazon-apigateway-authorizer") && names.has("security");
  const cdk = names.has("defaultMethodOptions") && names.has("authorizer");
  const found = openApi || cdk || names.has("defaultAuthorizer");
  if (!found) return undefined;
  const p = file.properties.find((q) =>
    /^(x-amazon-apigateway-authorizer|defaultAuthorizer|authorizer)$/.test(q.name),
  )!;
  return { name: SIGN_IN_ON_ALL_ROUTES, evidence: ev(file.rel, p.line, `API Gateway authoriser ${p.name}`) };
}

/**
 * Sign-in one file puts on the whole service: global middleware, a framework default or a gateway authoriser.
 * It depends on the file alone: remembered for the package runs, and copied by the caller.
 */
const wholeService = perFile(
  (file): Signal | undefined => globalMiddleware(file) ?? frameworkDefault(file) ?? gatewayAuthoriser(file),
);

/** Whether a file renders an app root wrapped in a browser sign-in library, and whether it redirects to sign in. */
const spaFile = perFile((f): { root: boolean; redirect: boolean } => {
  const uses = f.imports.some((i) => !i.typeOnly && SPA_SIGN_IN.test(i.module));
  return {
    root: uses && callsMatching(f, SPA_ROOT).length > 0,
    redirect: callsMatching(f, SPA_REDIRECT).length > 0,
  };
});

/** A single-page app whose root is wrapped in a browser sign-in library that redirects to sign in. */
function spaSignIn(sources: FileIndex[]): Signal | undefined {
  const root = sources.find((f) => spaFile(f).root);
  const redirect = sources.some((f) => spaFile(f).redirect);
  if (!root || !redirect) return undefined;
  const imp = root.imports.find((i) => SPA_SIGN_IN.test(i.module))!;
  return {
    name: SIGN_IN_ON_ALL_ROUTES,
    evidence: ev(root.rel, imp.line, `app wrapped in ${imp.module} sign-in`),
  };
}

/** Whether sign-in guards the whole service, not some of its routes: the audience of its pack follows from it. */
export const authScopeDetector: Detector = {
  id: "auth-scope",
  title: "Auth scope: sign-in applied to every route",
  isEnabled: () => true,
  detect(ctx) {
    const server = productionSources(ctx);
    for (const file of server) {
      const found = wholeService(file);
      if (found) return { signals: [{ name: found.name, evidence: { ...found.evidence } }] };
    }
    const routes = perRouteGuards(server);
    if (routes) return { signals: [routes] };
    const spa = spaSignIn(ctx.sources.filter((f) => !isNonProductionPath(f.rel)));
    return { signals: spa ? [spa] : [] };
  },
};
