import type { Detector } from "../detector.js";
import { ev, localNames, perFile, perPath, productionSources, resolveImport } from "../context.js";
import { importGraph } from "../imports.js";
import type { Findings } from "../facts.js";
import type { FileIndex } from "../../scan/source-index.js";
import { AUTH } from "./auth.js";
import { argText } from "../../scan/syntax.js";
import { kindAndName } from "./http-clients.js";

/** Modules whose use the auth detector already reports: a file built on them is not custom auth. */
const KNOWN = AUTH.flatMap((a) => (a.kind === "session" ? [] : a.modules));
/** Whether a file builds on a library the auth detector reports (remembered per file: four checks ask). */
const usesKnownAuth = perFile((file): boolean =>
  file.imports.some(
    (i) => KNOWN.some((m) => i.module === m || i.module.startsWith(`${m}/`)) || /^passport/.test(i.module),
  ),
);

type Auth = NonNullable<Findings["auth"]>[number];
type Integration = NonNullable<Findings["integrations"]>[number];

/** A module that authenticates requests by itself: a word of its file name says so (`kongAuth.js`, `require-login.ts`). */
const AUTH_WORDS =
  /^(auth|authn|authenticate|authentication|authenticated|authoriser|authorizer|kong|sso|keycloak|jwt|login|logged)$/;
/** Whether a file's name says it handles auth (asked of every file by two checks, in each package's run too). */
export const isAuthModule: (rel: string) => boolean = perPath(namesAuth);

function namesAuth(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf("/") + 1).replace(/\.[cm]?[jt]sx?$/, "");
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => AUTH_WORDS.test(w));
}
const GATEWAY = /kong|gateway|x-forwarded-user|x-amzn-oidc|x-ms-client-principal|x-auth-request|x-user/i;
/** Role checks: `roles.permit('OPS')`, `requireRole('admin')`, `@Roles('admin')`, hapi `auth: { access: { scope } }`. */
const ROLE_CALL =
  /^(permit|requireRoles?|hasRoles?|checkRoles?|allowRoles?|restrictTo|requirePermissions?|authori[sz]e|isAuthori[sz]ed|hasPermission)$/;
const ROLE_DECORATOR = /^(Roles|RequireRoles|Permissions|UseGuards)$/;

/**
 * Authentication the service wrote itself: hapi schemes and strategies, next-auth, Keycloak, middleware that
 * reads gateway headers or tokens, Lambda authorisers, and role guards applied to routes.
 */
export const customAuthDetector: Detector = {
  id: "custom-auth",
  title: "Custom auth: hapi schemes, next-auth, Keycloak, gateway headers, authorisers, role guards",
  isEnabled: () => true,
  detect(ctx) {
    const auth: Auth[] = [];
    const sources = productionSources(ctx);
    const importers = importGraph(ctx).importers;
    let roles: Roles | undefined;
    const handWritten = handWrittenOAuth(sources);
    for (const file of sources) {
      const own = fileAuth(file);
      for (const a of own.hapi) auth.push({ ...a, evidence: { ...a.evidence } });
      roles ??= own.roles;
    }
    auth.push(
      ...nextAuth(ctx, sources),
      ...middlewareAuth(sources, importers),
      ...handWritten.auth,
      ...hapiValidate(sources, importers),
    );
    const signals = roles ? [{ name: "role-guards", evidence: ev(roles.file, roles.line, roles.what) }] : [];
    return { auth, signals, integrations: handWritten.integrations };
  },
};

interface Roles {
  file: string;
  line: number;
  what: string;
}

/**
 * A file's hapi auth schemes and strategies, and its first role guard. They depend on the file alone:
 * remembered for the package runs (the caller copies what it returns).
 */
const fileAuth = perFile(readFileAuth);

function readFileAuth(file: FileIndex): { hapi: Auth[]; roles?: Roles } {
  const hapi: Auth[] = [];
  let roles: Roles | undefined;
  for (const call of file.calls) {
    // hapi: server.auth.scheme('bearer', …), server.auth.strategy('session', 'cookie', …).
    if (
      (call.name === "scheme" || call.name === "strategy") &&
      /\.auth\.(scheme|strategy)$/.test(call.callee) &&
      call.args[0]?.value &&
      !usesKnownAuth(file)
    ) {
      const scheme = call.args[1]?.value ?? call.args[0].value;
      hapi.push({
        kind: hapiKind(scheme),
        detail: `hapi auth ${call.name} "${call.args[0].value}"${call.name === "strategy" ? ` (${scheme})` : ""}`,
        evidence: ev(file.rel, call.line, `${call.callee}(${argText(call.args[0])})`),
      });
    }
    if (!roles && ROLE_CALL.test(call.name) && call.args.some((a) => a.value))
      roles = { file: file.rel, line: call.line, what: `${call.callee}(${argText(call.args[0]) ?? ""})` };
  }
  if (!roles) {
    const d = file.decorators.find(
      (x) =>
        ROLE_DECORATOR.test(x.name) &&
        (x.name !== "UseGuards" || /Role|Permission|Admin/.test(x.args.map((a) => argText(a)).join())),
    );
    if (d) roles = { file: file.rel, line: d.line, what: `@${d.name}(…)` };
  }
  if (
    !roles &&
    file.properties.some((p) => p.name === "access") &&
    file.properties.some((p) => p.name === "scope")
  ) {
    const p = file.properties.find((q) => q.name === "scope")!;
    roles = { file: file.rel, line: p.line, what: "route auth.access.scope" };
  }
  return roles ? { hapi, roles } : { hapi };
}

function hapiKind(scheme: string): Auth["kind"] {
  if (/jwt/i.test(scheme)) return "jwt";
  if (/bell|oidc|openid|azure|oauth/i.test(scheme)) return "oidc";
  if (/basic/i.test(scheme)) return "basic";
  if (/cookie|session/i.test(scheme)) return "session";
  return "custom";
}

const NEXT_AUTH = ["next-auth", "@auth/core"];

/** next-auth: where NextAuth(…) is configured, and whether any other module calls what it exports. */
function nextAuth(ctx: Parameters<Detector["detect"]>[0], sources: FileIndex[]): Auth[] {
  for (const file of sources) {
    const names = localNames(file, NEXT_AUTH);
    if (names.size === 0) continue;
    const setup = file.calls.find((c) => names.has(c.callee) && /^(NextAuth|Auth)$/.test(c.callee));
    if (!setup) continue;
    const exported = new Set([
      "auth",
      "getServerSession",
      "getToken",
      "withAuth",
      ...file.exports.map((e) => e.name),
    ]);
    const users = sources.filter(
      (f) =>
        f !== file &&
        f.imports.some((i) => {
          const from = i.module.startsWith(".") ? resolveImport(ctx, f.rel, i.module) : undefined;
          const fromAuth =
            from === file || /(^|\/|@\/)auth$/.test(i.module) || /^next-auth(\/|$)/.test(i.module);
          return fromAuth && i.names.some((n) => exported.has(n) && f.calls.some((c) => c.root === n));
        }),
    );
    return [
      {
        kind: "oidc",
        detail: users.length
          ? `next-auth sign-in, required by ${users.length} module(s) such as ${users[0]!.rel}`
          : "next-auth configured, but no route or middleware found that requires it",
        evidence: ev(file.rel, setup.line, `${setup.callee}(…)`),
      },
    ];
  }
  return [];
}

/** An in-house auth middleware module that other modules use, reading headers or tokens. */
function middlewareAuth(
  sources: FileIndex[],
  importers: ReturnType<typeof importGraph>["importers"],
): Auth[] {
  for (const file of sources) {
    const authoriser = /authori[sz]er/i.test(file.rel);
    if (!isAuthModule(file.rel) || usesKnownAuth(file)) continue;
    if (!authoriser && !importers.get(file.rel)?.length) continue;
    const reads =
      file.accessed.some((a) => /^(headers|cookies|authorization\w*)$/i.test(a.name)) ||
      file.calls.some(
        (c) => /^(header|get)$/.test(c.name) && /^req|request|ctx/.test(c.root) && c.args[0]?.value,
      );
    if (!reads) continue;
    const gateway = GATEWAY.test(file.rel) || file.calls.some((c) => GATEWAY.test(c.args[0]?.value ?? ""));
    const line = file.accessed.find((a) => /^(headers|cookies|authorization\w*)$/i.test(a.name))?.line ?? 1;
    return [
      {
        kind: gateway ? "gateway" : /jwt|token/i.test(file.rel) ? "jwt" : "custom",
        detail: gateway
          ? `identity from gateway headers (${file.rel})`
          : authoriser
            ? `Lambda authoriser (${file.rel})`
            : `in-house auth middleware (${file.rel})`,
        evidence: ev(file.rel, line),
      },
    ];
  }
  return [];
}

/** Whether a file gives an OAuth parameter: a call's first argument (`params.append('client_id', …)`) or an object key. */
function givesParam(file: FileIndex, name: string): boolean {
  return file.calls.some((c) => c.args[0]?.value === name) || file.properties.some((p) => p.name === name);
}

/** The line where a file builds an authorise request by hand, if it does (remembered per file). */
const authoriseRequest = perFile((file): number | undefined =>
  usesKnownAuth(file) ||
  !givesParam(file, "client_id") ||
  !(givesParam(file, "redirect_uri") || givesParam(file, "response_type"))
    ? undefined
    : (file.calls.find((c) => c.args[0]?.value === "client_id")?.line ??
      file.properties.find((p) => p.name === "client_id")!.line),
);

/**
 * An authorisation-code sign-in written by hand: the service builds the identity provider's authorise request
 * itself (`client_id` with `redirect_uri` or `response_type`). Client-credentials calls between services send no
 * redirect, so they are not a sign-in. The identity provider it sends people to is then an upstream like any other
 * (no one signs in while it is down), located by an issuer env var the same file reads, if it reads one.
 */
function handWrittenOAuth(sources: FileIndex[]): { auth: Auth[]; integrations: Integration[] } {
  for (const file of sources) {
    const line = authoriseRequest(file);
    if (line === undefined) continue;
    const issuer = file.envReads.find((r) => kindAndName({ name: r.name, env: r.name }).kind === "oidc");
    const evidence = ev(file.rel, line, "client_id, redirect_uri");
    return {
      auth: [
        { kind: "oidc", detail: `OAuth authorisation-code sign-in built by hand (${file.rel})`, evidence },
      ],
      integrations: [
        {
          name: "OIDC identity provider",
          kind: "oidc",
          client: "built by hand",
          ...(issuer ? { baseUrlEnv: issuer.name } : {}),
          evidence: { ...evidence },
        },
      ],
    };
  }
  return { auth: [], integrations: [] };
}

/**
 * A hapi auth validate function kept in the service while the scheme is registered elsewhere (a shared base
 * server): an auth module that returns `{ isValid, credentials }`. Reading the user from `session` makes it a
 * cookie session sign-in.
 */
function hapiValidate(sources: FileIndex[], importers: ReturnType<typeof importGraph>["importers"]): Auth[] {
  for (const file of sources) {
    if (!isAuthModule(file.rel) || usesKnownAuth(file) || !importers.get(file.rel)?.length) continue;
    const names = new Set(file.properties.map((p) => p.name));
    if (!names.has("isValid") || !names.has("credentials")) continue;
    const session =
      file.destructures.some((d) => d.from === "session") || file.calls.some((c) => c.root === "session");
    const line = file.properties.find((p) => p.name === "isValid")!.line;
    return [
      {
        kind: session ? "session" : "custom",
        detail: session
          ? `cookie session sign-in validated in ${file.rel}`
          : `hapi auth validate function (${file.rel})`,
        evidence: ev(file.rel, line, "{ isValid, credentials }"),
      },
    ];
  }
  return [];
}
