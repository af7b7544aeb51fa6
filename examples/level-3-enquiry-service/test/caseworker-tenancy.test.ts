import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Enquiry } from '../src/domain/enquiry.js';
import { Browser, startHarness, TEMPLATES, validEnquiry } from '../testing/harness.js';

describe('caseworkers only work on their own department\'s enquiries', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  let dwpCaseworker: Browser;
  let dfeEnquiry: Enquiry;
  let dwpEnquiry: Enquiry;
  let dwpColleagueId: string;

  before(async () => {
    h = await startHarness();
    h.repo.addCaseworker({ oidcSubject: 'sub-dwp-1', email: 'a@dwp.gov.uk', displayName: 'A', departmentCode: 'dwp' });
    dwpColleagueId = h.repo.addCaseworker({ oidcSubject: 'sub-dwp-2', email: 'b@dwp.gov.uk', displayName: 'B', departmentCode: 'dwp' }).id;
    h.repo.addCaseworker({ oidcSubject: 'sub-dfe-1', email: 'c@education.gov.uk', displayName: 'C', departmentCode: 'dfe' });
  });
  after(() => h.stop());

  beforeEach(async () => {
    const submit = async (departmentCode: string) => {
      const res = await h.browser().postForm('/enquiries/new', validEnquiry({ departmentCode }));
      return (await h.repo.findByReference(res.headers.get('location')!.split('/')[2]))!;
    };
    dwpEnquiry = await submit('dwp');
    dfeEnquiry = await submit('dfe');
    dwpCaseworker = h.browser();
    h.idp.signInAs('sub-dwp-1');
    assert.equal((await dwpCaseworker.signIn()).status, 302);
  });

  it('lists only the caseworker\'s department in the queue', async () => {
    const body = await (await dwpCaseworker.request('/caseworker/queue')).json();
    assert.equal(body.department, 'dwp');
    const ids = body.enquiries.map((e: { id: string }) => e.id);
    assert.ok(ids.includes(dwpEnquiry.id));
    assert.ok(!ids.includes(dfeEnquiry.id));
  });

  it('reads its own department\'s enquiry including the citizen\'s details', async () => {
    const res = await dwpCaseworker.request(`/caseworker/enquiries/${dwpEnquiry.id}`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.citizen.email, 'ada@example.com');
    assert.equal(body.message, 'When will my payment arrive?');
  });

  it('cannot read another department\'s enquiry', async () => {
    const res = await dwpCaseworker.request(`/caseworker/enquiries/${dfeEnquiry.id}`);
    assert.equal(res.status, 404);
    assert.ok(!(await res.text()).includes('ada@example.com'));
  });

  it('cannot assign, triage or respond to another department\'s enquiry', async () => {
    const id = dfeEnquiry.id;
    assert.equal((await dwpCaseworker.postJson(`/caseworker/enquiries/${id}/assign`, {})).status, 404);
    assert.equal((await dwpCaseworker.postJson(`/caseworker/enquiries/${id}/triage`, { category: 'complaint' })).status, 404);
    assert.equal((await dwpCaseworker.postJson(`/caseworker/enquiries/${id}/respond`, { response: 'x' })).status, 404);
    const untouched = h.repo.enquiries.get(id)!;
    assert.equal(untouched.status, 'received');
    assert.equal(untouched.assignedTo, undefined);
  });

  it('cannot assign to a caseworker from another department', async () => {
    const dfeCaseworkerId = [...h.repo.caseworkers.values()].find((c) => c.departmentCode === 'dfe')!.id;
    const res = await dwpCaseworker.postJson(`/caseworker/enquiries/${dwpEnquiry.id}/assign`, { caseworkerId: dfeCaseworkerId });
    assert.equal(res.status, 400);
  });

  it('assigns, triages and responds, emailing the citizen and updating their status page', async () => {
    const assigned = await dwpCaseworker.postJson(`/caseworker/enquiries/${dwpEnquiry.id}/assign`, { caseworkerId: dwpColleagueId });
    assert.equal(assigned.status, 200);
    assert.equal((await assigned.json()).assignedTo, dwpColleagueId);

    const triaged = await dwpCaseworker.postForm(`/caseworker/enquiries/${dwpEnquiry.id}/triage`, { category: 'complaint', priority: 'urgent' });
    assert.equal(triaged.status, 200);
    assert.deepEqual(
      { category: (await triaged.json()).category, priority: h.repo.enquiries.get(dwpEnquiry.id)!.priority },
      { category: 'complaint', priority: 'urgent' },
    );

    const responded = await dwpCaseworker.postJson(`/caseworker/enquiries/${dwpEnquiry.id}/respond`, { response: 'Your payment is due on Friday.' });
    assert.equal(responded.status, 200);
    assert.equal((await responded.json()).slaStatus, 'met');

    const email = h.notify.sent.find((e) => e.template_id === TEMPLATES.enquiryResponseTemplateId && e.reference === dwpEnquiry.reference);
    assert.equal(email?.personalisation.response, 'Your payment is due on Friday.');
    const status = await (await h.browser().request(`/enquiries/${dwpEnquiry.reference}/status`)).text();
    assert.match(status, /<dd id="status">Responded<\/dd>/);
    assert.deepEqual(h.repo.events.filter((e) => e.enquiryId === dwpEnquiry.id).map((e) => e.action), ['assigned', 'triaged', 'responded']);
  });

  it('rejects a triage with an unknown category', async () => {
    const res = await dwpCaseworker.postJson(`/caseworker/enquiries/${dwpEnquiry.id}/triage`, { category: 'gossip' });
    assert.equal(res.status, 400);
  });
});
