import { describe, expect, it } from "vitest";
import { findSensitive, redact } from "../../src/ai/redact.js";

const planted: Array<[string, string, string]> = [
  ["aws-access-key", "const key = AKIAIOSFODNN7EXAMPLE;", "AKIAIOSFODNN7EXAMPLE"],
  [
    "github-token",
    "token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  ],
  [
    "api-key",
    "new Anthropic({ apiKey: sk-ant-api03-abcdefghijklmnopqrstuv })",
    "sk-ant-api03-abcdefghijklmnopqrstuv",
  ],
  ["slack-token", "hook xoxb-1234567890-abcdefghij", "xoxb-1234567890-abcdefghij"],
  ["jwt", "Cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl", "eyJzdWIiOiJqYW5lIn0"],
  [
    "private-key",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
    "MIIEowIBAAKCAQEA7",
  ],
  ["connection-string", "postgres://app:Sup3rS3cret!@db.internal:5432/badges", "Sup3rS3cret"],
  ["connection-string", "amqp://guest:hunter22@mq:5672", "hunter22"],
  ["bearer", "Authorization: Bearer abcdef0123456789.xyz", "abcdef0123456789"],
  ["assigned-secret", 'client_secret: "s3cr3t-value-here"', "s3cr3t-value-here"],
  [
    "notify-key",
    "live-3d1b2c4e-1111-4a2b-9c3d-5e6f7a8b9c0d-9f8e7d6c-2222-4b3a-8c9d-0e1f2a3b4c5d",
    "9f8e7d6c-2222",
  ],
  ["email", "send to jane.doe@example.gov.uk today", "jane.doe@example.gov.uk"],
  ["ni-number", "NI QQ 12 34 56 C on file", "QQ 12 34 56 C"],
  ["ni-number", "/renew/ab123456d", "ab123456d"],
  ["phone", "call 07700 900123", "07700 900123"],
  ["phone", "call +44 20 7946 0958", "7946 0958"],
  ["postcode", "lives at SW1A 1AA", "SW1A 1AA"],
  ["postcode", "/renew/sw1a-1aa/x", "sw1a-1aa"],
  ["postcode", "M1 1AE", "M1 1AE"],
];

describe("redaction", () => {
  it.each(planted)("removes a %s", (rule, text, secret) => {
    const result = redact(text);
    expect(result.text).not.toContain(secret);
    expect(result.hits).toContain(rule);
    expect(findSensitive(result.text)).toEqual([]);
    expect(findSensitive(text).length).toBeGreaterThan(0);
  });

  it("keeps ordinary code excerpts and route paths as they are", () => {
    for (const text of [
      "app = express()",
      "new pg.Pool(…)",
      "/caseworker/enquiries/:id/respond",
      "process.on(SIGTERM)",
      "router.post('/apply/check-your-answers')",
      "GOV.UK Notify",
      "const timeoutMs = 5000",
    ]) {
      expect(redact(text)).toEqual({ text, hits: [] });
    }
  });

  it("keeps the name of a secret but not its value", () => {
    expect(redact('DB_PASSWORD="correct-horse"').text).toBe('DB_PASSWORD="[REDACTED:secret]"');
    expect(redact("postgres://app:pw1234@db/x").text).toBe("postgres://[REDACTED:credentials]@db/x");
  });
});
