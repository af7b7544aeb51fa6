import { describe, expect, it } from "vitest";
import { complianceModel } from "../../../src/packs/docs/compliance.js";
import { exampleProfile } from "../../helpers.js";

describe("compliance matrix", () => {
  it("does not carry one service's rows into the next render in the same process", async () => {
    const dashboard = await exampleProfile("level-2-data-dashboard");
    const before = JSON.stringify(complianceModel(dashboard));
    complianceModel(await exampleProfile("level-1-forms-service"));
    expect(JSON.stringify(complianceModel(dashboard))).toBe(before);
  });
});
