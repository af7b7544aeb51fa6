// Types for pack-audit-rules.mjs, so the TypeScript unit test can import it.
export interface CodeBlock {
  lang: string;
  lines: string[];
}
export interface AuditFacts {
  datastores: Array<{ kind: string; client: string }>;
  integrations: Array<{ name: string; kind: string; client?: string }>;
  envVars: Array<{ name: string }>;
  deployFiles?: Array<{ kind: string }>;
  repo?: { deploy?: Array<{ kind: string }> };
}
export declare function codeBlocks(markdown: string): CodeBlock[];
export declare function undefinedVariables(markdown: string, serviceEnv: Set<string>): string[];
export declare function cloudsFound(facts: AuditFacts): Array<"aws" | "azure" | "gcp">;
export declare function foreignCloudCommands(
  markdown: string,
  clouds: string[],
): Array<{ cli: string; line: string }>;
export declare function citizenSections(markdown: string): string[];
export declare function coveredWithoutFile(markdown: string, exists: (rel: string) => boolean): string[];
