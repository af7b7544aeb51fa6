import type { Profile } from "../../profile/schema.js";
import type { Step } from "./stack.js";

/** How the service is run, from the deployment descriptors the analysis found. */
export interface Platform {
  name: string;
  /** Descriptor files that show it, as evidence. */
  evidence: string[];
  diagnose: Step[];
  rollback: Step;
  scale: Step;
  restart: Step;
}

type Recipe = (service: string) => Omit<Platform, "evidence">;

const PLATFORMS: Array<[string, Recipe]> = [
  [
    "helm",
    (s) => ({
      name: "Kubernetes (Helm)",
      diagnose: [
        {
          text: "Releases, newest last: did the incident start with one?",
          command: `helm history ${s} --max 5`,
        },
        {
          text: "Pods that are not ready or keep restarting:",
          command: `kubectl get pods -l app.kubernetes.io/name=${s}`,
        },
      ],
      rollback: { text: "Roll back to the previous release:", command: `helm rollback ${s} <revision>` },
      scale: { text: "Scale out:", command: `kubectl scale deployment/${s} --replicas=<n>` },
      restart: {
        text: "Restart the pods one at a time:",
        command: `kubectl rollout restart deployment/${s}`,
      },
    }),
  ],
  [
    "kubernetes",
    (s) => ({
      name: "Kubernetes",
      diagnose: [
        {
          text: "Rollouts, newest last: did the incident start with one?",
          command: `kubectl rollout history deployment/${s}`,
        },
        {
          text: "Pods that are not ready or keep restarting, and their recent logs:",
          command: `kubectl get pods -l app=${s}\nkubectl logs deployment/${s} --since=30m | tail -n 200`,
        },
        { text: "CPU and memory per pod:", command: `kubectl top pods -l app=${s}` },
      ],
      rollback: {
        text: "Roll back to the previous revision:",
        command: `kubectl rollout undo deployment/${s}`,
      },
      scale: { text: "Scale out:", command: `kubectl scale deployment/${s} --replicas=<n>` },
      restart: {
        text: "Restart the pods one at a time:",
        command: `kubectl rollout restart deployment/${s}`,
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

const UNKNOWN: Omit<Platform, "evidence"> = {
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
    if (found.length) return { ...recipe(profile.service.name), evidence: found.map((f) => f.evidence.file) };
  }
  return { ...UNKNOWN, evidence: [] };
}
