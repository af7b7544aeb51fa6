import { describe, expect, it } from "vitest";
import { IMAGES } from "../../../src/packs/delivery/actions.js";
import { runsGateTools, TOOLS_NODE } from "../../../src/packs/delivery/toolchain.js";

describe("which Node govops' own tools run on", () => {
  it("follows the tools' engines: ^20.19 || ^22.12 || >=23, a bare major meaning its latest release", () => {
    const yes = ["20", "20.19.0", "20.19.5", "22", "22.12.0", "23.1.0", "24", "24.0.0"];
    const no = ["12.18.4", "14", "16.20.2", "18", "18.20.4", "20.10.0", "20.18.9", "21", "21.7.0", "22.11.0"];
    for (const v of yes) expect(runsGateTools(v), v).toBe(true);
    for (const v of no) expect(runsGateTools(v), v).toBe(false);
  });

  it("the tools Node is the pinned Node image's, and runs them itself", () => {
    expect(IMAGES.node.startsWith(`node:${TOOLS_NODE}-`)).toBe(true);
    expect(runsGateTools(TOOLS_NODE)).toBe(true);
  });
});
