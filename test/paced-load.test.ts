// The benchmark's open-loop driver (bench/paced-load.ts) must count a stall against every request that was
// due during it, not only the one the server sat on — otherwise a latency target is met by not asking.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { measurePaced } from '../bench/paced-load.js';

describe('bench: the paced load driver', () => {
  let server: http.Server;
  let url = '';
  let served = 0;
  before(async () => {
    server = http.createServer((request, response) => {
      served++;
      // The 50th request of the run stalls 150 ms; with one connection, those due behind it wait too.
      setTimeout(() => response.end(request.url === '/missing' ? undefined : 'ok'), request.url === '/stall' ? 150 : 0);
      if (request.url === '/missing') response.statusCode = 404;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends rate × seconds requests on schedule and measures each from its due instant', async () => {
    served = 0;
    let n = 0;
    const figures = await measurePaced({ nextUrl: () => `${url}/${++n === 50 ? 'stall' : 'ok'}`, rate: 200, connections: 1 }, { seconds: 1, warmupSeconds: 0 });
    assert.equal(figures.sent, 200);
    assert.equal(served, 200);
    assert.equal(figures.ok, 200);
    assert.equal(figures.failed, 0);
    assert.ok(figures.max >= 150, `the stalled request took at least 150 ms (max ${figures.max})`);
    // About 30 requests were due during the stall (one every 5 ms). A closed loop — waiting for the answer before
    // sending the next, as each autocannon connection does — would send none of them until the stall ended and
    // see one slow answer; the p99 (the 2nd slowest of 200) would then be a millisecond or so.
    assert.ok(figures.p99 >= 100, `the requests queued behind the stall count as slow (p99 ${figures.p99})`);
    assert.ok(figures.p50 < 100, `most requests were not (p50 ${figures.p50})`);
  });

  it('counts non-2xx answers as failures', async () => {
    let n = 0;
    const figures = await measurePaced({ nextUrl: () => `${url}/${++n % 2 === 0 ? 'missing' : 'ok'}`, rate: 100, connections: 4 }, { seconds: 0.5, warmupSeconds: 0 });
    assert.equal(figures.sent, 50);
    assert.equal(figures.failed, 25);
    assert.equal(figures.ok, 25);
    assert.deepEqual([...new Set(figures.failures)], ['HTTP 404']);
  });
});
