import type { Profile } from "../../profile/schema.js";
import { runbookPath, runbookUrl } from "../../layout.js";

/**
 * A repository URL as package.json's `repository` may write it (`git+https://…/x.git`, `git@host:org/x.git`,
 * `github:org/x`, `gitlab:org/x`), as an https URL of the repository's web page; undefined for other forges.
 */
export function repositoryWebUrl(repository: string): string | undefined {
  const text = repository.trim();
  const short = /^(github|gitlab):([\w.-]+\/[\w./-]+)$/.exec(text);
  const url = short
    ? `https://${short[1]}.com/${short[2]}`
    : text
        .replace(/^git\+/, "")
        .replace(/^git@([^:]+):/, "https://$1/")
        .replace(/^(ssh|git):\/\/(git@)?/, "https://");
  const m = /^https?:\/\/([^/]+)\/(.+?)(?:\.git)?\/*$/.exec(url);
  if (!m || !/^(github\.com|gitlab\.com|gitlab\.[\w.-]+|[\w.-]*github[\w.-]*)$/i.test(m[1]!))
    return undefined;
  const path = m[2]!.replace(/\/(-\/)?(tree|blob)\/.*$/, "");
  return `https://${m[1]!.toLowerCase()}/${path}`;
}

/**
 * Where an alert's runbook_url points: the published runbooks when runbookBaseUrl is set; else the runbook
 * on the repository's default branch (GitHub and GitLab resolve `HEAD` to it); else a TO DO a pager
 * reader cannot mistake for a link. Never a relative path, which is useless from a phone.
 */
export function runbookLink(profile: Profile, failureModeId: string): string {
  const { runbookBaseUrl, repositoryUrl } = profile.service;
  if (runbookBaseUrl) return runbookUrl(runbookBaseUrl, failureModeId);
  const web = repositoryUrl ? repositoryWebUrl(repositoryUrl) : undefined;
  const rel = runbookPath(failureModeId);
  if (web) return `${web}${/gitlab/i.test(new URL(web).host) ? "/-/blob" : "/blob"}/HEAD/${rel}`;
  return `TO DO: set service.runbookBaseUrl or service.repositoryUrl in govops.config.yaml (runbook: ${rel})`;
}
