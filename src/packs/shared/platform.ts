import type { Profile } from "../../profile/schema.js";
import { kubeSetup, kubeTarget, type KubeTarget } from "./kube.js";
import type { Step } from "./stack.js";

/** How the service is run, from the deployment descriptors the analysis found. */
export interface Platform {
  name: string;
  /** Descriptor files that show it, as evidence. */
  evidence: string[];
  /** Variables the commands below use, defined before the first of them (Kubernetes). */
  setup?: Step;
  diagnose: Step[];
  rollback: Step;
  scale: Step;
  restart: Step;
}

type Recipe = (service: string, kube: KubeTarget) => Omit<Platform, "evidence" | "setup">;

const podsOf = 'kubectl -n "$NAMESPACE" get pods -o wide | grep "^$DEPLOYMENT-"';
const PLATFORMS: Array<[string, Recipe]> = [
  [
    "helm",
    (_s, k) => ({
      name: "Kubernetes (Helm)",
      diagnose: [
        {
          text: "Releases, newest last: did the incident start with one?",
          command: `helm history "$RELEASE" -n "$NAMESPACE" --max 5`,
        },
        {
          text: "Pods that are not ready or keep restarting, and their recent logs:",
          command: `${podsOf}\nkubectl -n "$NAMESPACE" logs "deployment/$DEPLOYMENT" --since=30m | tail -n 200`,
        },
      ],
      rollback: {
        text: "Roll back to the previous release (the revision before the incident, from `helm history`):",
        command: `helm rollback "$RELEASE" <revision> -n "$NAMESPACE"`,
      },
      scale: {
        text: `Scale out through the chart's replica count in the values file${k.valuesFiles.length ? ` (${k.valuesFiles.map((f) => `\`${f}\``).join(", ")})` : ""} and a new release; for an emergency only:`,
        command: `kubectl -n "$NAMESPACE" scale "deployment/$DEPLOYMENT" --replicas=<n>`,
      },
      restart: {
        text: "Restart the pods one at a time:",
        command: `kubectl -n "$NAMESPACE" rollout restart "deployment/$DEPLOYMENT"`,
      },
    }),
  ],
  [
    "kubernetes",
    () => ({
      name: "Kubernetes",
      diagnose: [
        {
          text: "Rollouts, newest last: did the incident start with one?",
          command: `kubectl -n "$NAMESPACE" rollout history "deployment/$DEPLOYMENT"`,
        },
        {
          text: "Pods that are not ready or keep restarting, and their recent logs:",
          command: `${podsOf}\nkubectl -n "$NAMESPACE" logs "deployment/$DEPLOYMENT" --since=30m | tail -n 200`,
        },
      ],
      rollback: {
        text: "Roll back to the previous revision:",
        command: `kubectl -n "$NAMESPACE" rollout undo "deployment/$DEPLOYMENT"`,
      },
      scale: {
        text: "Scale out:",
        command: `kubectl -n "$NAMESPACE" scale "deployment/$DEPLOYMENT" --replicas=<n>`,
      },
      restart: {
        text: "Restart the pods one at a time:",
        command: `kubectl -n "$NAMESPACE" rollout restart "deployment/$DEPLOYMENT"`,
      },
    }),
  ],
  [
    "cloudfoundry",
    (s) => ({
      name: "Cloud Foundry",
      diagnose: [
        { text: "Recent deploys, crashes and restarts:", command: `cf events ${s}` },
        { text: "Instances, their state and memory:", command: `cf app ${s}` },
        { text: "Recent logs:", command: `cf logs ${s} --recent | tail -n 200` },
      ],
      rollback: {
        text: "Roll back to the previous revision (cf CLI v8, revisions enabled):",
        command: `cf revisions ${s}\ncf rollback ${s} --version <n>`,
      },
      scale: { text: "Scale out:", command: `cf scale ${s} -i <n>` },
      restart: { text: "Restart with no downtime:", command: `cf restart ${s} --strategy rolling` },
    }),
  ],
  [
    "compose",
    (s) => ({
      name: "Docker Compose",
      diagnose: [
        { text: "Containers and their health:", command: "docker compose ps" },
        { text: "Recent logs:", command: `docker compose logs --since 30m ${s} | tail -n 200` },
      ],
      rollback: {
        text: "Set the image back to the previous tag or digest in the compose file, then:",
        command: `docker compose up -d ${s}`,
      },
      scale: { text: "Scale out:", command: `docker compose up -d --scale ${s}=<n>` },
      restart: { text: "Restart:", command: `docker compose restart ${s}` },
    }),
  ],
  [
    "dockerfile",
    (s) => ({
      name: "Container image",
      diagnose: [
        {
          text: "The repository builds a container image; where it runs is not in the repository. On the host or platform, find the running containers, their image digest and restarts:",
          command: `docker ps --filter name=${s} --format '{{.Names}} {{.Image}} {{.Status}}'`,
        },
        { text: "Recent logs:", command: `docker logs --since 30m <container> 2>&1 | tail -n 200` },
      ],
      rollback: {
        text: "Redeploy the previous image by digest (never by a moving tag such as `latest`) through the platform's deploy job.",
      },
      scale: {
        text: "Add instances through the platform; the service must share no state in memory between them.",
      },
      restart: { text: "Replace instances one at a time so some keep serving." },
    }),
  ],
];

const UNKNOWN: Omit<Platform, "evidence" | "setup"> = {
  name: "Not found in the repository",
  diagnose: [
    {
      text: "No deployment descriptor was found in the repository: use the hosting platform's release history to see whether a deploy preceded the incident (OPERATIONS.md records where the service runs).",
    },
  ],
  rollback: { text: "Redeploy the previous release through the deploy pipeline." },
  scale: { text: "Add instances through the hosting platform." },
  restart: { text: "Replace instances one at a time so some keep serving." },
};

export function platformOf(profile: Profile): Platform {
  const files = profile.facts.deployFiles;
  for (const [kind, recipe] of PLATFORMS) {
    const found = files.filter((f) => f.kind === kind);
    if (!found.length) continue;
    const kube = kubeTarget(profile);
    const setup = kind === "helm" || kind === "kubernetes" ? kubeSetup(kube, kind === "helm") : undefined;
    return {
      ...recipe(profile.service.name, kube),
      evidence: found.map((f) => f.evidence.file),
      ...(setup ? { setup } : {}),
    };
  }
  return { ...UNKNOWN, evidence: [] };
}
