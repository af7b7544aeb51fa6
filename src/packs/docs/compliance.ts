import type { Profile } from "../../profile/schema.js";
import { CONTROLS, type Control, type Framework } from "./compliance-controls.js";
import { prose } from "../shared/format.js";

const FRAMEWORKS: Array<{ id: Framework; title: string; source: string }> = [
  {
    id: "service-standard",
    title: "Service Standard",
    source: "https://www.gov.uk/service-manual/service-standard",
  },
  {
    id: "tcop",
    title: "Technology Code of Practice",
    source: "https://www.gov.uk/guidance/the-technology-code-of-practice",
  },
  { id: "wcag-2.2-aa", title: "WCAG 2.2 level AA", source: "https://www.w3.org/TR/WCAG22/" },
  {
    id: "uk-gdpr",
    title: "UK GDPR",
    source: "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/",
  },
  {
    id: "ncsc-caf",
    title: "NCSC Cyber Assessment Framework",
    source: "https://www.ncsc.gov.uk/collection/cyber-assessment-framework",
  },
];

/** Controls whose coverage depends on what the analysis found. */
function serviceSpecific(profile: Profile): Control[] {
  const extra: Control[] = [];
  if (profile.data.personalData.some((p) => p.specialCategory))
    extra.push({
      framework: "uk-gdpr",
      control: "Article 9",
      title: "Special category data",
      coveredBy: ["special category fields listed in `ops/profile.yaml`"],
      gap: "Record the Article 9 condition for each special category field.",
    });
  return extra;
}

function adjust(profile: Profile, c: Control): Control {
  if (c.framework === "wcag-2.2-aa" && !profile.journeys.some((j) => j.servesPages))
    return { ...c, gap: `The analysis found no journey serving HTML pages. ${c.gap ?? ""}`.trim() };
  return c;
}

const status = (c: { coveredBy: string[]; gap?: string | undefined }) =>
  c.coveredBy.length === 0 ? "gap" : c.gap ? "partly covered" : "covered";

export function complianceModel(profile: Profile) {
  // Copies: rows are amended below, and CONTROLS is shared by every render in the process.
  const rows = [...CONTROLS, ...serviceSpecific(profile)].map((c) => adjust(profile, { ...c }));
  for (const item of profile.compliance) {
    const extra = item.coveredBy.map(prose);
    const match = rows.find((r) => r.framework === item.framework && r.control === item.control);
    if (match) {
      match.coveredBy = [...new Set([...match.coveredBy, ...extra])];
      if (item.gap) match.gap = prose(item.gap);
    } else {
      rows.push({
        framework: item.framework,
        control: prose(item.control),
        title: prose(item.title),
        coveredBy: extra,
        ...(item.gap ? { gap: prose(item.gap) } : {}),
      });
    }
  }
  const frameworks = FRAMEWORKS.map((f) => ({
    ...f,
    rows: rows
      .filter((r) => r.framework === f.id)
      .map((r) => ({
        ...r,
        status: status(r),
        covered: r.coveredBy.join("; ") || "nothing in this pack",
        gap: r.gap ?? "none",
      })),
  }));
  const all = frameworks.flatMap((f) => f.rows);
  return {
    service: prose(profile.service.title),
    frameworks,
    counts: {
      covered: all.filter((r) => r.status === "covered").length,
      partly: all.filter((r) => r.status === "partly covered").length,
      gaps: all.filter((r) => r.status === "gap").length,
    },
  };
}
