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
  [
    "github-token",
    "ghs_16C7e42F292c6912E7710c838347Ae178B4a and gho_x",
    "16C7e42F292c6912E7710c838347Ae178B4a",
  ],
  ["github-token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "11ABCDEFG0123456789"],
  ["github-token", "front of one cut short: ghp_abc", "ghp_abc"],
  ["aws-access-key", "front of one cut short: AKIAI44Q", "AKIAI44Q"],
  ["jwt", "front of one cut short: eyJhbGciOi", "eyJhbGciOi"],
  [
    "slack-webhook",
    "https://hooks.slack.com/services/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",
    "T0A1B2C3D",
  ],
  ["url-credential", "https://acct.blob.core.windows.net/c/f.pdf?sv=2024-05-04&sig=Qx1%2BzY9%3D", "Qx1"],
  [
    "url-credential",
    "?X-Amz-Credential=AKIAXXX%2F20260101%2Feu-west-2&X-Amz-Signature=fe5f80f77d5f",
    "fe5f80f77d5f",
  ],
  ["email", "lookup?email=jane.doe%40example.gov.uk", "jane.doe"],
  ["email", "double encoded jane.doe%2540example.gov.uk", "jane.doe"],
  ["email", "escaped jane.doe\\u0040example.gov.uk", "jane.doe"],
  ["ni-number", "/people/QQ%20123456%20C", "123456"],
  ["phone", "call (020) 7946 0000 today", "7946 0000"],
  ["phone", "call (01632) 960 001 today", "960 001"],
  ["card-number", "card 4111 1111 1111 1111 exp 12/27", "1111 1111"],
  ["card-number", "card 5500-0000-0000-0004", "0000-0004"],
  ["card-number", "pan=378282246310005", "378282246310005"],
  ["iban", "pay GB82 WEST 1234 5698 7654 32 now", "5698 7654"],
  ["iban", "pay DE89 3704 0044 0532 0130 00 now", "0532 0130"],
  ["iban", "pay FR1420041010050500013M02606", "0500013M02606"],
  ["aws-secret-key", "aws_creds = ['wjalrxutnfemi/k7mdeng/bpxrficyexamplekey']", "k7mdeng"],
  ["aws-secret-key", "new S3({ s: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' })", "K7MDENG"],
  ["random-token", "/v1/Zx9Qw3Er7Ty1Ui5Op2As8Df4Gh6Jk0Lz/status", "Zx9Qw3Er7Ty1Ui5"],
  ["random-token", "hooks-zx9qw3er7ty1ui5op2as8df4", "zx9qw3er7ty1ui5"],
  ["random-token", "etag 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b", "9f86d081884c7d65"],
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
      "createApplicationFormHandlerV2",
      "/apply/form-2024/step-3",
      "order 1234 5678 9012 3456 is not a card: it fails the Luhn check",
      "DE00 ABCD EFGH IJKL MNOP fails the IBAN checksum",
      "X-Amz-Algorithm",
    ]) {
      expect(redact(text)).toEqual({ text, hits: [] });
    }
  });

  it("keeps the name of a secret but not its value", () => {
    expect(redact('DB_PASSWORD="correct-horse"').text).toBe('DB_PASSWORD="[REDACTED:secret]"');
    expect(redact("postgres://app:pw1234@db/x").text).toBe("postgres://[REDACTED:credentials]@db/x");
  });
});

describe("redaction of encoded text", () => {
  it("keeps the decoded text, so the model reads what a person would", () => {
    expect(redact("/apply/%7Bid%7D/caf%C3%A9").text).toBe("/apply/{id}/café");
  });

  it("turns control characters and line separators from decoding into spaces", () => {
    expect(redact("a%0Ab%E2%80%A8c\u0085d").text).toBe("a b c d");
  });
});
