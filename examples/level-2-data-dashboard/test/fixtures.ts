import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const completionRows = [
  { area_code: 'E06000001', area_name: 'Hartlepool', region_name: 'North East', financial_year: '2022-23', net_additions: 310, affordable_completions: 60 },
  { area_code: 'E06000001', area_name: 'Hartlepool', region_name: 'North East', financial_year: '2023-24', net_additions: 420, affordable_completions: 95 },
  { area_code: 'E08000021', area_name: 'Newcastle upon Tyne', region_name: 'North East', financial_year: '2023-24', net_additions: 1150, affordable_completions: 240 },
  { area_code: 'E08000035', area_name: 'Leeds', region_name: 'Yorkshire and The Humber', financial_year: '2022-23', net_additions: 3200, affordable_completions: 480 },
  { area_code: 'E08000035', area_name: 'Leeds', region_name: 'Yorkshire and The Humber', financial_year: '2023-24', net_additions: 3600, affordable_completions: 520 },
];

export const householdRows = [
  { geography_code: 'E06000001', geography_name: 'Hartlepool', year: 2023, households: 42000 },
  { geography_code: 'E08000035', geography_name: 'Leeds', year: 2023, households: 345000 },
  { geography_code: 'E08000035', geography_name: 'Leeds', year: 2022, households: 341000 },
];

export const statsPayload = (data: unknown[] = completionRows) => ({ dataset: 'net-additional-dwellings', published: '2024-11-21', data });

export const onsPayload = (observations: unknown[] = householdRows) => ({
  id: 'household-estimates',
  release_date: '2024-09-26T09:30:00Z',
  observations,
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A departmental API stand-in on 127.0.0.1 whose behaviour each test sets. */
export async function fakeApi(initial: Handler) {
  let handler = initial;
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    respond(next: Handler) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export const json = (status: number, body: unknown): Handler => (_req, res) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
