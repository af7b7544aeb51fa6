// The Done-when rules of issue 16, checked on a generated pack as a reader would: from the files on disk and the
// facts in ops/profile.yaml, without the generator's own code, so the audit cannot agree with a bug by sharing it.

/** Fenced code blocks, also indented under a list item: their language and lines. */
export function codeBlocks(markdown) {
  const blocks = [];
  let open;
  for (const line of markdown.split("\n")) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence && !open) open = { marker: fence[2], lang: fence[3], lines: [] };
    else if (fence && open && fence[2].startsWith(open.marker[0]) && !fence[3]) {
      blocks.push({ lang: open.lang, lines: open.lines });
      open = undefined;
    } else if (open) open.lines.push(line.trim());
  }
  return blocks;
}

const SHELL = /^(sh|bash|shell|console|zsh)?$/;
const USE = /\$\{?([A-Za-z_]\w*)/g;
const DEFINE = /(?:^|[\s;&|(])(?:export\s+|local\s+|readonly\s+)?([A-Za-z_]\w*)=/g;
const READ_OR_LOOP = /(?:^|[\s;&|(])(?:read(?:\s+-\w+)*|for)\s+([A-Za-z_]\w*)/g;

/**
 * `$NAME`s in a runbook's shell blocks that the service does not read and no earlier line of the runbook defines
 * (an assignment, `export`, `read` or a `for` loop). Text in single quotes is not expanded, so it is skipped.
 */
export function undefinedVariables(markdown, serviceEnv) {
  const defined = new Set();
  const found = [];
  for (const block of codeBlocks(markdown)) {
    if (!SHELL.test(block.lang)) continue;
    for (const raw of block.lines) {
      const line = raw.replace(/^\$\s+/, "").replace(/'[^']*'/g, "''");
      if (line.startsWith("#")) continue;
      // A line's own definitions count for it: `for POD in …; do echo "$POD"`, `X=1; echo "$X"`.
      for (const m of [...line.matchAll(DEFINE), ...line.matchAll(READ_OR_LOOP)]) defined.add(m[1]);
      for (const m of line.matchAll(USE))
        if (!serviceEnv.has(m[1]) && !defined.has(m[1]) && !found.includes(m[1])) found.push(m[1]);
    }
  }
  return found;
}

/** Signs in the analysis that the service runs on a cloud: its clients, datastores, variables and deploy files. */
const CLOUD_SIGNS = {
  aws: {
    words:
      /@aws-sdk\/|(^|\s)aws-sdk(\s|$)|(^|\s)(dynamodb|s3|sqs|sns|lambda|serverless|sam|cdk|ecs)(\s|$)|amazon/i,
    env: /^AWS_/,
  },
  azure: {
    words: /@azure\/(?!monitor|opentelemetry)|azure-blob|azure/i,
    env: /^AZURE_/,
  },
  gcp: {
    words: /@google-cloud\/|appengine|app-engine|firestore|gcp/i,
    env: /^(GCP|GCLOUD|GOOGLE_CLOUD)_|^GOOGLE_APPLICATION_CREDENTIALS$/,
  },
};
const CLI = { aws: "aws", azure: "az", gcp: "gcloud" };

export function cloudsFound(facts) {
  const words = [
    ...facts.datastores.map((d) => `${d.kind} ${d.client}`),
    ...facts.integrations.map((i) => `${i.name} ${i.kind} ${i.client ?? ""}`),
    ...(facts.deployFiles ?? []).map((d) => d.kind),
    ...(facts.repo?.deploy ?? []).map((d) => d.kind),
  ].join("\n");
  const env = facts.envVars.map((e) => e.name);
  return Object.keys(CLOUD_SIGNS).filter(
    (c) => CLOUD_SIGNS[c].words.test(words) || env.some((n) => CLOUD_SIGNS[c].env.test(n)),
  );
}

/** Commands in a runbook's code blocks for a cloud the analysis did not find: `{ cli, line }` each. */
export function foreignCloudCommands(markdown, clouds) {
  const out = [];
  for (const block of codeBlocks(markdown))
    for (const line of block.lines)
      for (const [cloud, cli] of Object.entries(CLI))
        if (!clouds.includes(cloud) && new RegExp(`(^|[\\s($|&;])${cli}\\s`).test(line))
          out.push({ cli, line });
  return out;
}

/** Sections of a comms draft written for the public: status page, GOV.UK banner, messages and texts to citizens. */
const CITIZEN_SECTION =
  /^#{2,3} (Status page|Service banner|GOV\.UK banner|Message to affected citizens|Text message|What citizens should do instead)/gm;

export function citizenSections(markdown) {
  return [...markdown.matchAll(CITIZEN_SECTION)].map((m) => m[1]);
}

/**
 * Rows of COMPLIANCE.md marked covered (or partly covered) that name no file: a covered control must link to the
 * generated file that implements it, and that file must exist. `exists(rel)` answers for paths relative to ops/.
 */
export function coveredWithoutFile(markdown, exists) {
  const out = [];
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (!cells.some((c) => /^(partly )?covered$/i.test(c))) continue;
    const targets = [...line.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((m) => m[1]);
    const files = targets.filter((t) => !/^[a-z]+:/i.test(t) && exists(t));
    if (files.length === 0) out.push(cells[1] ?? line);
  }
  return out;
}
