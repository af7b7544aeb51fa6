import type { IncomingMessage } from 'node:http';
import { startFakeServer, type LocalServer } from './http.js';

export interface FakeProcurement extends LocalServer {
  posted: Array<{ path: string; body: any; authorization?: string }>;
  /** Next responses: a status code, or 'hang' to never answer in time. */
  failures: Array<number | 'hang'>;
}

export const supplier = {
  id: 'SUP-1001',
  name: 'Greenway Facilities Ltd',
  companyNumber: '01234567',
  contactName: 'Robin Contact',
  contactEmail: 'robin.contact@greenway.example',
};

async function readBody(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

export async function startFakeProcurement(): Promise<FakeProcurement> {
  const state = { posted: [] as FakeProcurement['posted'], failures: [] as FakeProcurement['failures'] };
  const server = await startFakeServer(async (req, res) => {
    const body = await readBody(req);
    const failure = state.failures.shift();
    if (failure === 'hang') return; // the client must time out
    res.setHeader('content-type', 'application/json');
    if (failure) {
      res.writeHead(failure).end('{"error":"upstream"}');
    } else if (req.method === 'GET' && req.url === `/suppliers/${supplier.id}`) {
      res.end(JSON.stringify(supplier));
    } else if (req.method === 'POST' && req.url?.startsWith('/procurements/')) {
      state.posted.push({ path: req.url, body: JSON.parse(body), authorization: req.headers.authorization });
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end('{}');
    }
  });
  return Object.assign(server, state);
}
