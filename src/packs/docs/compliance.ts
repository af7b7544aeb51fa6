import type { Profile } from "../../profile/schema.js";
import { CONTROLS, type Control, type Framework, type Ref } from "./compliance-controls.js";
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
      coveredBy: [],
      gap: "Record the Article 9 condition for each special category field under `personalData` in govops.config.yaml.",
    });
  return extra;
}

function adjust(profile: Profile, c: Control): Control {
  if (c.framework === "wcag-2.2-aa" && !profile.journeys.some((j) => j.servesPages))
    return { ...c, gap: `The analysis found no journey serving HTML pages. ${c.gap ?? ""}`.trim() };
  return c;
}

/** A link from ops/COMPLIANCE.md to a file the packs write. */
function link(ref: Ref, file: string): string {
  const href = file.startsWith("ops/") ? file.slice(4) : `../${file}`;
  return `${prose(ref.label)} ([${file}](${href}))`;
}

/**
 * The matrix. A control is "covered" only when a file the packs generate for this profile implements it,
 * and the row names that file; anything else is a gap with its next step. `generated` is every path the
 * packs write.
 */
export function complianceModel(profile: Profile, generated: ReadonlySet<string> = new Set()) {
  const rows = [...CONTROLS, ...serviceSpecific(profile)].map((c) => {
    const adjusted = adjust(profile, c);
    const files = adjusted.coveredBy.flatMap((ref) => {
      const file = ref.files.find((f) => generated.has(f));
      return file ? [link(ref, file)] : [];
    });
    return {
      framework: adjusted.framework,
      control: adjusted.control,
      title: adjusted.title,
      files: [...new Set(files)],
      gap: adjusted.gap,
      notes: [] as string[],
    };
  });
  for (const item of profile.compliance) {
    const notes = item.coveredBy.map(prose);
    const match = rows.find((r) => r.framework === item.framework && r.control === item.control);
    if (match) {
      match.notes.push(...notes);
      if (item.gap) match.gap = prose(item.gap);
    } else {
      rows.push({
        framework: item.framework,
        control: prose(item.control),
        title: prose(item.title),
        files: [],
        gap: item.gap ? prose(item.gap) : undefined,
        notes,
      });
    }
  }
  const frameworks = FRAMEWORKS.map((f) => ({
    ...f,
    rows: rows
      .filter((r) => r.framework === f.id)
      .map((r) => {
        const status = r.files.length === 0 ? "gap" : r.gap ? "partly covered" : "covered";
        const noted = r.notes.length ? ` Recorded in the profile, not checked: ${r.notes.join("; ")}.` : "";
        return {
          control: r.control,
          title: r.title,
          status,
          covered: r.files.join("; ") || "nothing generated",
          gap: `${r.gap ?? (r.files.length ? "none" : "No generated file implements this: record how the service meets it.")}${noted}`,
        };
      }),
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
