import type { Profile } from "../../profile/schema.js";

export type Cloud = "aws" | "azure" | "gcp";

const SIGNS: Record<Cloud, RegExp> = {
  aws: /@aws-sdk|aws-sdk|amazon|dynamodb|(^|\s)s3(\s|$)|\bsqs\b|\bsns\b/i,
  azure: /@azure\/(?!monitor|opentelemetry)|azure service bus|blob storage|cosmos/i,
  gcp: /@google-cloud|google cloud|gcloud|\bgcs\b|pub\/?sub|app ?engine|firestore/i,
};

/** Environment variables that only a service on that cloud reads. */
const ENV: Record<Cloud, RegExp> = {
  aws: /^AWS_(REGION|DEFAULT_REGION|ACCESS_KEY_ID|ROLE_ARN|PROFILE)$/,
  azure: /^AZURE_(STORAGE|SERVICE_?BUS|CLIENT_ID|TENANT_ID|SUBSCRIPTION)|SERVICE_?BUS/,
  gcp: /^(GCP|GCLOUD|GOOGLE_CLOUD)_|^GOOGLE_APPLICATION_CREDENTIALS$/,
};

/** The clouds the analysis found the service using: its clients, datastores, integrations and variables. */
export function cloudsOf(profile: Profile): Set<Cloud> {
  const f = profile.facts;
  const words = [
    ...f.datastores.map((d) => `${d.kind} ${d.client}`),
    ...f.integrations.map((i) => `${i.name} ${i.client ?? ""}`),
    ...profile.dependencies.filter((d) => d.provenance.source !== "baseline").map((d) => d.name),
  ].join("\n");
  const env = f.envVars.map((e) => e.name);
  const found = new Set<Cloud>();
  for (const cloud of Object.keys(SIGNS) as Cloud[])
    if (SIGNS[cloud].test(words) || env.some((n) => ENV[cloud].test(n))) found.add(cloud);
  return found;
}
