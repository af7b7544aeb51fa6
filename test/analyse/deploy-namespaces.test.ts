import { describe, expect, it } from "vitest";
import { analyseService } from "../../src/index.js";
import { fixturePath } from "../helpers.js";
import { analyseFixture, where } from "./fixture.js";

const signalsOf = (
  signals: Array<{ name: string; evidence: { file: string; line: number; snippet?: string } }>,
  name: string,
) => signals.filter((s) => s.name === name).map((s) => `${where(s.evidence)} ${s.evidence.snippet}`);

describe("deploy-namespaces detector", () => {
  it("reads literal namespaces from Jenkinsfiles, GitLab CI, Makefiles and scripts, each with its environment", async () => {
    const { facts } = await analyseFixture("deploy-namespaces-mixed");
    expect(signalsOf(facts.signals, "deploy-namespace")).toEqual([
      // A step's name is prose ("the service is live"), not an environment.
      ".github/workflows/smoke.yml:12 parcels-probe",
      // The job names the environment; a variable (`"$KUBE_NAMESPACE"`) is no name.
      ".gitlab-ci.yml:6 uat: parcels-acceptance",
      ".gitlab-ci.yml:15 production: parcels-web",
      "Jenkinsfile_release:6 production: parcels-main",
      // The Makefile target above the command names it; `pre-prod` in the name is preprod, not prod.
      "Makefile:2 dev: parcels-one",
      "Makefile:5 preprod: parcels-pre-prod",
      // A comment, kube-system and `head -n 3` are not the service's namespace.
      "scripts/diagnose.sh:4 parcels-diag",
    ]);
  });

  it("takes a helm command's environment from its values file, and ignores secrets and shell variables", async () => {
    const upgrade = await analyseService(fixturePath("monitoring", "deploy-namespace-helm-upgrade"), {
      write: false,
    });
    expect(signalsOf(upgrade.profile.facts.signals, "deploy-namespace")).toEqual([
      ".github/workflows/release.yml:15 staging: lodge-stg",
      ".github/workflows/release.yml:26 production: lodge-live-main",
      ".github/workflows/release.yml:30 live: lodge-live-main",
    ]);
    const secrets = await analyseService(fixturePath("monitoring", "deploy-namespace-secrets"), {
      write: false,
    });
    expect(signalsOf(secrets.profile.facts.signals, "deploy-namespace")).toEqual([]);
  });
});

describe("helm detector: ingress hosts", () => {
  it("records the host each environment's values file sets literally, and no templated host", async () => {
    const literal = await analyseService(fixturePath("monitoring", "helm-ingress-host-literal"), {
      write: false,
    });
    expect(signalsOf(literal.profile.facts.signals, "helm-host")).toEqual([
      "chart/values-dev.yaml:3 licences-dev.apps.example.gov.uk",
      "chart/values-prod.yaml:4 licences.apps.example.gov.uk",
    ]);
    const templated = await analyseService(fixturePath("monitoring", "helm-ingress-host-templated"), {
      write: false,
    });
    expect(signalsOf(templated.profile.facts.signals, "helm-host")).toEqual([]);
    expect(signalsOf(templated.profile.facts.signals, "helm-values").length).toBe(2);
  });
});
