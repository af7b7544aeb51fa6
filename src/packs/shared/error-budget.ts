/** The decimal places a number is written with: 0.995 → 3, 0.95 → 2, 1e-7 → 7, 28 → 0. */
export function decimalPlaces(n: number): number {
  const [mantissa = "", exponent = "0"] = String(n).toLowerCase().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/**
 * An SLO's error budget, 1 − objective, at the objective's own precision: 1 − 0.995 is 0.005, where
 * floating point gives 0.0050000000000000044. Every place that prints a budget or divides by one uses this.
 */
export function errorBudget(objective: number): number {
  return Number((1 - objective).toFixed(Math.min(decimalPlaces(objective), 100)));
}
