import { parseAllDocuments } from "yaml";
import type { Detector } from "../detector.js";
import { ev, isTestPath, productionSources } from "../context.js";
import type { Findings } from "../facts.js";
import { TEST_COMPOSE } from "./deploy-ci.js";

const ENV_FILE = /(^|\/)\.env\.(example|sample|template|dist|defaults)$|(^|\/)\.env-example$/;
/** Helm values, Kubernetes manifests and compose files: where deployed config is declared. */
const DEPLOY_YAML =
  /(^|\/)(values[\w.-]*\.ya?ml|(docker-)?compose[\w.-]*\.ya?ml)$|(^|\/)(k8s|kubernetes|manifests|deploy|charts?)\/.*\.ya?ml$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const ENV_KEYS = /^(env|extraEnv|environment|envVars|configMap|config|secrets?|secretEnv)$/i;

type EnvVar = NonNullable<Findings["envVars"]>[number];

/** Names under env-like keys: `env: [{ name: X }]`, `env: { X: … }`, `environment: ["X=…"]`. */
export function envNamesInYaml(value: unknown, underEnvKey = false, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (underEnvKey && typeof item === "string" && /^[A-Z][A-Z0-9_]*=/.test(item))
        out.add(item.split("=")[0]!);
      else if (
        underEnvKey &&
        item &&
        typeof item === "object" &&
        ENV_NAME.test(String((item as { name?: unknown }).name))
      )
        out.add(String((item as { name: string }).name));
      else envNamesInYaml(item, false, out);
    }
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (underEnvKey && ENV_NAME.test(key)) out.add(key);
      else envNamesInYaml(child, ENV_KEYS.test(key), out);
    }
  }
  return out;
}

function yamlEnvNames(text: string): string[] {
  try {
    return parseAllDocuments(text).flatMap((doc) =>
      "errors" in doc && doc.errors.length === 0 ? [...envNamesInYaml(doc.toJS())] : [],
    );
  } catch {
    return [];
  }
}

/** An env helper: `get('NAME', fallback)`, `env('NAME')`, `getEnv('NAME')`, `config.env.get('NAME')`. */
const ENV_HELPER =
  /^(get|env|getEnv|getEnvVar|requireEnv|required|readEnv|fromEnv|envOr|mustGet|\w*[Ee]nv\w*\.(get|required?|str|num|bool))$/;
const HELPER_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^(PORT|HOST|NODE_ENV|ENVIRONMENT)$/;

/** node-config's custom-environment-variables.json: every leaf string (or `__name`) is an env var name. */
function configEnvNames(text: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string" && ENV_NAME.test(v)) out.add(v);
    else if (v && typeof v === "object") {
      const named = (v as { __name?: unknown }).__name;
      if (typeof named === "string" && ENV_NAME.test(named)) out.add(named);
      else for (const child of Object.values(v)) walk(child);
    }
  };
  try {
    walk(JSON.parse(text));
  } catch {
    // Not JSON: nothing to read.
  }
  return [...out];
}

function lineOf(text: string, name: string): number {
  const at = text.search(new RegExp(`\\b${name}\\b`));
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}

export const envVarsDetector: Detector = {
  id: "env-vars",
  title:
    "Configuration surface: env vars read in code, listed in .env examples and Helm, Kubernetes or compose files",
  isEnabled: () => true,
  detect(ctx) {
    const envVars = new Map<string, EnvVar>();
    const add = (name: string, file: string, line: number) => {
      if (!envVars.has(name)) envVars.set(name, { name, evidence: ev(file, line) });
    };
    for (const file of productionSources(ctx)) {
      for (const read of file.envReads) add(read.name, file.rel, read.line);
      for (const call of file.calls) {
        const name = call.args[0]?.value;
        if (name && ENV_HELPER.test(call.callee) && HELPER_NAME.test(name)) add(name, file.rel, call.line);
      }
    }
    for (const file of ctx.textFiles) {
      if (ENV_FILE.test(file.rel)) {
        file.text.split("\n").forEach((line, i) => {
          const m = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=/.exec(line);
          if (m) add(m[1]!, file.rel, i + 1);
        });
      } else if (
        DEPLOY_YAML.test(file.rel) &&
        !isTestPath(file.rel) &&
        !TEST_COMPOSE.test(file.rel) &&
        !file.rel.includes("templates/")
      ) {
        for (const name of yamlEnvNames(file.text)) add(name, file.rel, lineOf(file.text, name));
      } else if (/(^|\/)custom-environment-variables\.json$/.test(file.rel) && !isTestPath(file.rel)) {
        for (const name of configEnvNames(file.text)) add(name, file.rel, lineOf(file.text, name));
      }
    }
    return { envVars: [...envVars.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  },
};
