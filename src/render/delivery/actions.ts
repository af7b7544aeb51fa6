/**
 * The one table of third-party actions generated workflows use, each pinned to a full commit SHA with
 * the release it was taken from. Dependabot keeps users' copies current; update this table with care.
 */
export const ACTIONS = {
  checkout: { repo: "actions/checkout", sha: "11bd71901bbe5b1630ceea73d27597364c9af683", version: "v4.2.2" },
  setupNode: {
    repo: "actions/setup-node",
    sha: "49933ea5288caeca8642d1e84afbd3f7d6820020",
    version: "v4.4.0",
  },
} as const;

export type ActionName = keyof typeof ACTIONS;

/** `owner/repo@sha # vX.Y.Z`, as a workflow's `uses:` value with its comment. */
export function uses(name: ActionName): string {
  const a = ACTIONS[name];
  return `${a.repo}@${a.sha} # ${a.version}`;
}

export function pinnedActions(): Record<ActionName, string> {
  return Object.fromEntries(Object.keys(ACTIONS).map((k) => [k, uses(k as ActionName)])) as Record<
    ActionName,
    string
  >;
}
