import { describe, expect, it } from "vitest";
import { decimalPlaces, errorBudget } from "../../../src/packs/shared/error-budget.js";

describe("errorBudget", () => {
  it.each([
    [0.995, 0.005],
    [0.999, 0.001],
    [0.9995, 0.0005],
    [0.95, 0.05],
    [0.9, 0.1],
    [0.99999, 0.00001],
    [0.9999999, 1e-7],
    [0.123456789012, 0.876543210988],
  ])("writes 1 - %s as %s, at the objective's own precision", (objective, budget) => {
    expect(errorBudget(objective)).toBe(budget);
    expect(String(errorBudget(objective))).toBe(String(budget));
  });

  it("removes the float noise plain subtraction leaves", () => {
    expect(String(1 - 0.995)).toBe("0.0050000000000000044");
    expect(String(errorBudget(0.995))).toBe("0.005");
  });

  it("counts decimal places in plain and exponent notation", () => {
    expect(decimalPlaces(0.995)).toBe(3);
    expect(decimalPlaces(28)).toBe(0);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(1.5e-7)).toBe(8);
  });
});
