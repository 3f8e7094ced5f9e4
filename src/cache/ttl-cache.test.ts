import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('serves a value until it expires, shares concurrent loads and forgets failures', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(1000, 100, () => now);
    const load = async () => ++loads;
    assert.deepEqual(await Promise.all([cache.get('a', load), cache.get('a', load)]), [1, 1]);
    now = 999;
    assert.equal(await cache.get('a', load), 1);
    now = 1000;
    assert.equal(await cache.get('a', load), 2, 'expired: loaded again');
    await assert.rejects(cache.get('b', async () => Promise.reject(new Error('down'))));
    assert.equal(await cache.get('b', async () => 7), 7, 'a failure is not cached');
  });
});
