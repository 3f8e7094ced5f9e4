// vietnamDateOf: the arithmetic fast path agrees with the time-zone database wherever it is used.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { vietnamDateOf } from './clock.js';

const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('vietnamDateOf', () => {
  it('agrees with Asia/Ho_Chi_Minh for any instant, before and after the offset became fixed', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        assert.equal(vietnamDateOf(new Date(ms)), zone.format(new Date(ms)));
      }),
      { numRuns: 5000 },
    );
  });

  it('turns the day at 17:00 UTC', () => {
    assert.equal(vietnamDateOf(new Date('2026-12-03T16:59:59.999Z')), '2026-12-03');
    assert.equal(vietnamDateOf(new Date('2026-12-03T17:00:00.000Z')), '2026-12-04');
  });

  it('refuses an invalid date as before', () => {
    assert.throws(() => vietnamDateOf(new Date(Number.NaN)), RangeError);
  });
});
