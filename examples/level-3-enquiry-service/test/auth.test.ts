import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness } from '../testing/harness.js';

describe('caseworker sign-in through OIDC', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  before(async () => {
    h = await startHarness();
    h.repo.addCaseworker({ oidcSubject: 'sub-dhsc-1', email: 'd@dhsc.gov.uk', displayName: 'D', departmentCode: 'dhsc' });
  });
  after(() => h.stop());

  it('sends an unauthenticated caseworker to sign in, and refuses unauthenticated writes', async () => {
    const browser = h.browser();
    const res = await browser.request('/caseworker/queue');
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/auth/login');
    assert.equal((await browser.postJson('/caseworker/enquiries/x/respond', { response: 'hi' })).status, 401);
  });

  it('redirects to the provider with PKCE, state and nonce', async () => {
    const res = await h.browser().request('/auth/login');
    assert.equal(res.status, 302);
    const url = new URL(res.headers.get('location')!);
    assert.equal(url.origin + url.pathname, `${h.idp.issuer}/authorize`);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(url.searchParams.get('state') && url.searchParams.get('nonce'));
    assert.equal(url.searchParams.get('redirect_uri'), `${h.baseUrl}/auth/callback`);
  });

  it('signs in a known caseworker and opens their department queue', async () => {
    h.idp.signInAs('sub-dhsc-1');
    const browser = h.browser();
    const callback = await browser.signIn();
    assert.equal(callback.status, 302);
    assert.equal(callback.headers.get('location'), '/caseworker/queue');
    const queue = await browser.request('/caseworker/queue');
    assert.equal(queue.status, 200);
    assert.equal((await queue.json()).department, 'dhsc');
  });

  it('refuses a person who is not a registered caseworker', async () => {
    h.idp.signInAs('sub-stranger');
    const browser = h.browser();
    assert.equal((await browser.signIn()).status, 403);
    assert.equal((await browser.request('/caseworker/queue')).status, 302);
  });

  it('rejects a callback whose state does not match', async () => {
    h.idp.signInAs('sub-dhsc-1');
    const browser = h.browser();
    const login = await browser.request('/auth/login');
    const authorize = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const tampered = new URL(authorize.headers.get('location')!);
    tampered.searchParams.set('state', 'forged');
    assert.equal((await browser.request(tampered.pathname + tampered.search)).status, 401);
    assert.equal((await browser.request('/caseworker/queue')).status, 302);
  });

  it('signs out through the provider\'s end-session endpoint', async () => {
    h.idp.signInAs('sub-dhsc-1');
    const browser = h.browser();
    await browser.signIn();
    const res = await browser.request('/auth/logout');
    assert.equal(res.status, 302);
    assert.ok(res.headers.get('location')!.startsWith(`${h.idp.issuer}/logout?id_token_hint=`));
    assert.equal((await browser.request('/caseworker/queue')).status, 302);
  });
});
