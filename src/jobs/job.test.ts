// The retry delay: exponential in the attempts, capped, with full jitter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelayMs } from './job.js';

describe('job retry backoff', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };

  it('grows as base·2^(attempts−1) at the top of the jitter range', () => {
    const top = () => 0.999_999_9;
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, top)), [999, 1999, 3999, 7999, 15999]);
  });

  it('is capped at maxMs however many attempts', () => {
    assert.equal(retryDelayMs(30, policy, () => 0.999_999_9), 59_999);
    assert.equal(retryDelayMs(10_000, policy, () => 0.5), 30_000);
  });

  it('draws uniformly between 0 and the bound (full jitter), so failures that happened together spread out', () => {
    assert.equal(retryDelayMs(3, policy, () => 0), 0);
    assert.equal(retryDelayMs(3, policy, () => 0.25), 1000);
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = Array.from({ length: 2000 }, () => retryDelayMs(4, policy, random));
    assert.ok(delays.every((d) => d >= 0 && d < 8000));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    assert.ok(mean > 3600 && mean < 4400, `mean ${mean} near 4000`);
    assert.ok(new Set(delays).size > 1500, 'delays are spread, not equal');
  });
});
