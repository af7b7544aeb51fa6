import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, TEMPLATES, validEnquiry } from '../testing/harness.js';

describe('citizen submits an enquiry and checks its status', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  before(async () => {
    h = await startHarness({ now: () => new Date('2026-03-16T10:00:00Z') });
  });
  after(() => h.stop());

  it('shows the enquiry form with every department', async () => {
    const res = await h.browser().request('/enquiries/new');
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /Department for Work and Pensions/);
    assert.match(page, /Department of Health and Social Care/);
  });

  it('saves a valid enquiry, emails a confirmation through Notify and redirects to its status', async () => {
    const res = await h.browser().postForm('/enquiries/new', validEnquiry());
    assert.equal(res.status, 303);
    const location = res.headers.get('location')!;
    const reference = location.match(/^\/enquiries\/(ENQ-[A-Z0-9]{5}-[A-Z0-9]{5})\/status$/)?.[1];
    assert.ok(reference, `unexpected redirect ${location}`);

    const saved = await h.repo.findByReference(reference);
    assert.equal(saved?.departmentCode, 'dwp');
    assert.equal(saved?.postcode, 'SW1A 2AA');
    // 20 working days from Monday 16 March 2026, with Good Friday and Easter Monday off.
    assert.equal(saved?.dueAt.toISOString().slice(0, 10), '2026-04-15');

    const email = h.notify.sent.find((e) => e.reference === reference);
    assert.ok(email, 'no email reached Notify');
    assert.equal(email.template_id, TEMPLATES.enquiryReceivedTemplateId);
    assert.equal(email.email_address, 'ada@example.com');
    assert.equal(email.personalisation.reference, reference);
    assert.match(email.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);

    const status = await h.browser().request(location);
    assert.equal(status.status, 200);
    const page = await status.text();
    assert.match(page, /<dd id="status">Received<\/dd>/);
    assert.match(page, /<dd id="due">2026-04-15<\/dd>/);
    for (const personal of ['Ada Lovelace', 'ada@example.com', 'SW1A 2AA', 'payment arrive']) {
      assert.ok(!page.includes(personal), `status page leaks ${personal}`);
    }
  });

  it('re-shows the form with GOV.UK-style errors and saves nothing when fields are invalid', async () => {
    const before = h.repo.enquiries.size;
    const res = await h.browser().postForm('/enquiries/new', validEnquiry({ email: 'not-an-email', postcode: 'NOWHERE', message: '' }));
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(page, /There is a problem/);
    assert.match(page, /Enter an email address in the correct format/);
    assert.match(page, /Enter a full UK postcode/);
    assert.match(page, /Enter your enquiry/);
    assert.match(page, /value="Ada Lovelace"/, 'valid answers are kept');
    assert.equal(h.repo.enquiries.size, before);
  });

  it('escapes what the citizen typed when re-showing the form', async () => {
    const res = await h.browser().postForm('/enquiries/new', validEnquiry({ fullName: '<script>x</script>', email: '' }));
    const page = await res.text();
    assert.ok(!page.includes('<script>x</script>'));
    assert.match(page, /&lt;script&gt;/);
  });

  it('still accepts the enquiry when Notify fails', async () => {
    h.notify.failNextRequest();
    const res = await h.browser().postForm('/enquiries/new', validEnquiry({ email: 'grace@example.com' }));
    assert.equal(res.status, 303);
    const reference = res.headers.get('location')!.split('/')[2];
    assert.ok(await h.repo.findByReference(reference));
  });

  it('returns 404 for an unknown reference', async () => {
    const res = await h.browser().request('/enquiries/ENQ-BBBBB-CCCCC/status');
    assert.equal(res.status, 404);
  });
});
