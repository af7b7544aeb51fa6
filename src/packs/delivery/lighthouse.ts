/**
 * Lighthouse CI settings: a throttled older phone (slow 4G, CPU six times slower than the test
 * machine) and budgets a GOV.UK page should meet on it. Dashboards get more time for their charts.
 */
export function lighthouseConfig(paths: string[], dashboard: boolean, port = 3000) {
  return {
    ci: {
      collect: {
        url: paths.map((p) => `http://127.0.0.1:${port}${p}`),
        numberOfRuns: 3,
        settings: {
          formFactor: "mobile",
          screenEmulation: { mobile: true, width: 360, height: 640, deviceScaleFactor: 2, disabled: false },
          throttlingMethod: "simulate",
          throttling: { rttMs: 150, throughputKbps: 1638.4, cpuSlowdownMultiplier: 6 },
          chromeFlags: "--headless=new --no-sandbox --disable-gpu",
        },
      },
      assert: {
        assertions: {
          "total-byte-weight": ["error", { maxNumericValue: dashboard ? 600_000 : 400_000 }],
          "resource-summary:script:size": ["error", { maxNumericValue: 150_000 }],
          "first-contentful-paint": ["error", { maxNumericValue: 3_000 }],
          "largest-contentful-paint": ["error", { maxNumericValue: dashboard ? 4_000 : 3_000 }],
          "total-blocking-time": ["error", { maxNumericValue: 300 }],
          "cumulative-layout-shift": ["error", { maxNumericValue: 0.1 }],
          "categories:accessibility": ["warn", { minScore: 0.95 }],
        },
      },
      upload: { target: "filesystem", outputDir: "lighthouse-report" },
    },
  };
}
