import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyService } from "../e2e/run-cli.js";
import { fixturePath, withTempDir } from "../helpers.js";
import { messageReply, startFakeApi, type FakeApi, type Received } from "./fake-api.js";
import { analyseWithAi, type Run } from "./scenario.js";

interface Planted {
  case: string;
  /** The secret as a reader would see it (decoded); every 8-character piece of it must stay out. */
  secret: string;
  /** Text around the secret that must arrive with the secret replaced, proving the place was sent. */
  sentAs?: string;
}

/** Everything planted in test/fixtures/ai/hostile-secrets, where it sits and what must go instead. */
const PLANTED: Planted[] = [
  // Excerpts the scanner cut at 120 characters in the middle of the secret: left out whole.
  { case: "AWS access key id cut by the scanner", secret: "AKIAI44QH8DHBEXAMPLE" },
  { case: "GitHub token cut by the scanner", secret: "ghp_R4nd0mT0k3nV4lu3F0rT3st1ngXyZ9876" },
  {
    case: "JWT cut by the scanner",
    secret: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.U2lnbmF0dXJlUGxhbnRlZA",
  },
  // Whole excerpts (outbound call URLs).
  {
    case: "fine-grained GitHub token",
    secret: "github_pat_11AAPLANT0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789abcdefghijklmnopqrstuvw",
    sentAs: "gh-d.example.test/r?t=[REDACTED:token]",
  },
  {
    case: "GitHub OAuth token",
    secret: "gho_PlantedOauthToken0123456789abcdefgh",
    sentAs: "builds-e.example.test/user/[REDACTED:token]",
  },
  {
    case: "GitHub server token",
    secret: "ghs_PlantedServerToken0123456789abcdef",
    sentAs: "builds-f.example.test/installations/[REDACTED:token]",
  },
  {
    case: "Slack webhook path",
    secret: "T0PLANT01/B0PLANT02/Pl4ntedW3bh00kS3cr3tXyZ",
    sentAs: "hooks.slack.com/[REDACTED:slack-webhook]",
  },
  {
    case: "Azure SAS sig= value",
    secret: "Pl4nt3dS1gn4tur3+value/xyz=",
    sentAs: "sp=r&sig=[REDACTED:signature]",
  },
  {
    case: "X-Amz-Credential value",
    secret: "AKIAPLANTEDCRED77777/20260101",
    sentAs: "X-Amz-Credential=[REDACTED:signature]",
  },
  {
    case: "X-Amz-Signature value",
    secret: "9d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c",
    sentAs: "X-Amz-Signature=[REDACTED:signature]",
  },
  {
    case: "URL-encoded email in a URL",
    secret: "marcus.planted",
    sentAs: "contacts?email=[REDACTED:email]",
  },
  {
    case: "URL-encoded NI number in a URL",
    secret: "PL 112233 B",
    sentAs: "claimants/[REDACTED:ni-number]/status",
  },
  { case: "London phone number in brackets", secret: "(020) 7946 0321", sentAs: "to=[REDACTED:phone]" },
  { case: "area-code phone number in brackets", secret: "(01632) 960 555", sentAs: "from=[REDACTED:phone]" },
  {
    case: "card number with spaces",
    secret: "4929 1234 5678 9015",
    sentAs: "pay-j.example.test/charge?pan=[REDACTED:card-number]",
  },
  {
    case: "card number with dashes",
    secret: "5425-2334-3010-9903",
    sentAs: "pay-k.example.test/charge?pan=[REDACTED:card-number]",
  },
  {
    case: "GB IBAN with spaces",
    secret: "GB29 NWBK 6016 1331 9268 19",
    sentAs: "iban=[REDACTED:iban]&ref=z",
  },
  { case: "Dutch IBAN with spaces", secret: "NL91 ABNA 0417 1643 00", sentAs: "iban=[REDACTED:iban]&ref=w" },
  {
    case: "bare AWS secret key after an aws path segment",
    secret: "Pl4ntedAwsS3cretK3yF0rT3st1ng01234567890",
    sentAs: "upload/aws/[REDACTED:",
  },
  {
    case: "random callback token",
    secret: "q7Xk2Lm9Pw4Rt8Zv3Nb6Hs1Jd5Fg0Ca",
    sentAs: "callbacks/[REDACTED:token]/receive",
  },
  // Route paths, and the journey ids made from their first segment.
  { case: "URL-encoded NI number in a route", secret: "JK 445566 C", sentAs: "/people/[REDACTED:ni-number]" },
  {
    case: "URL-encoded email in a route",
    secret: "olivia.planted",
    sentAs: "/contact/[REDACTED:email]",
  },
  {
    case: "phone number in brackets in a route",
    secret: "(0161) 496 0777",
    sentAs: "/call/[REDACTED:phone]",
  },
  {
    case: "GitHub token in a route",
    secret: "ghs_PlantedRouteToken0123456789abcdefgh",
    sentAs: "/hooks/[REDACTED:token]",
  },
  { case: "card number in a route", secret: "4111-1111-1111-1111", sentAs: "/pay/[REDACTED:card-number]" },
  {
    case: "random token as a route's first segment (and journey id)",
    secret: "Zt5Yp8Qm2Wx7Kc4Vb9Nr3Ls6Hd1Fj0Ga",
    sentAs: "/[REDACTED:token]/receive",
  },
];

/** Every 8-character piece of the secret, as written and without its spaces and dashes. */
function pieces(secret: string): string[] {
  const forms = new Set([secret, secret.replace(/[\s-]/g, "")]);
  const out = new Set<string>();
  for (const form of forms)
    for (let i = 0; i + 8 <= form.length; i++) out.add(form.slice(i, i + 8).toLowerCase());
  return [...out];
}

/** The body as the server got it, and with percent escapes decoded, so an encoded leak is found too. */
function readable(request: Received): string[] {
  const decoded = request.raw.replace(/(?:%[0-9a-f]{2})+/gi, (seq) => {
    try {
      return decodeURIComponent(seq);
    } catch {
      return seq;
    }
  });
  return [request.raw.toLowerCase(), decoded.toLowerCase()];
}

let api: FakeApi;
let run: Run;
let content: string;

beforeAll(async () => {
  api = await startFakeApi([
    // An invalid first answer makes a second request, so the retry's body is inspected as well.
    { body: messageReply('{"journeys": [ oops') },
    { body: messageReply(JSON.stringify({ journeys: [], failureModes: [], peakPeriods: [] })) },
  ]);
  await withTempDir(async (tmp) => {
    const dir = await copyService(fixturePath("ai", "hostile-secrets"), path.join(tmp, "svc"));
    run = await analyseWithAi(dir, { baseURL: api.url });
  });
  content = api.received[0]!.body.messages[0]!.content;
});
afterAll(() => api.close());

describe("secrets planted in a repository, as recorded by the API server", () => {
  it("the requests were sent, with the places the secrets sat in", () => {
    expect(run.result.enrichment?.status).toBe("recorded");
    expect(api.received).toHaveLength(2);
    const withPlace = PLANTED.filter((p) => p.sentAs);
    for (const p of withPlace) expect(content, p.case).toContain(p.sentAs);
    // The three excerpts cut by the scanner were left out, and said so.
    expect(run.result.enrichment?.redactions["excerpt-cut-by-analysis"]).toBe(3);
    for (const host of ["uploads-a.example.test/", "builds-b.example.test/", "sessions-c.example.test/"])
      expect(content).not.toContain(host);
  });

  it.each(PLANTED)("$case: not one 8-character piece of it is sent", ({ secret }) => {
    const bodies = api.received.flatMap(readable);
    const sent = pieces(secret).filter((piece) => bodies.some((body) => body.includes(piece)));
    expect(sent).toEqual([]);
  });

  it(`all ${PLANTED.length} planted secrets stay out`, () => {
    const bodies = api.received.flatMap(readable);
    const leaked = PLANTED.filter((p) =>
      pieces(p.secret).some((piece) => bodies.some((b) => b.includes(piece))),
    );
    expect(leaked.map((p) => p.case)).toEqual([]);
  });
});
