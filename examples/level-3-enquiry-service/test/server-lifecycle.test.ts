import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const serverJs = fileURLToPath(new URL('../src/server.js', import.meta.url));
const baseEnv = {
  PATH: process.env.PATH,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  // Nothing listens here: the service must still start and stop without its database.
  DATABASE_URL: 'postgres://enquiry:secret@127.0.0.1:9/enquiries',
  SESSION_SECRET: 'test',
  OIDC_ISSUER_URL: 'http://127.0.0.1:9',
  OIDC_CLIENT_ID: 'enquiry-service',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_REDIRECT_URI: 'http://127.0.0.1/auth/callback',
  NOTIFY_API_KEY: 'test_key-00000000-0000-0000-0000-000000000000-00000000-0000-0000-0000-000000000000',
  NOTIFY_TEMPLATE_ID_ENQUIRY_RECEIVED: 'a',
  NOTIFY_TEMPLATE_ID_ENQUIRY_RESPONSE: 'b',
};

describe('server process', () => {
  it('drains and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [serverJs], { env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    while (!output.includes('enquiry service listening')) await once(child.stdout, 'data');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output);
    assert.match(output, /"msg":"shutdown complete"/);
  });

  it('refuses to start without required configuration', async () => {
    const { SESSION_SECRET: _omitted, ...env } = baseEnv;
    const child = spawn(process.execPath, [serverJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    assert.notEqual(code, 0);
    assert.match(stderr, /Missing required environment variable SESSION_SECRET/);
  });
});
