// The buckets that cover a period: every day of it exactly once, whole months where possible.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../time/clock.js';
import { bucketRanges, bucketsBefore, namedPeriod } from './report-periods.js';

function daysOf(ranges: ReturnType<typeof bucketRanges>): string[] {
  const days: string[] = [];
  for (const range of ranges) {
    const first = range.grain === 'd' ? range.from : `${range.from}-01`;
    const last = range.grain === 'd' ? range.to : addDays(`${addDays(`${range.to}-01`, 32).slice(0, 7)}-01`, -1);
    for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  }
  return days;
}

const day = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2019-01-01', n));

describe('report periods', () => {
  it('covers every day of a range exactly once, with at most two ragged ends', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const ranges = bucketRanges(from, to);
        const days = daysOf(ranges);
        const expected: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) expected.push(d);
        assert.deepEqual(days, expected);
        assert.ok(ranges.filter((r) => r.grain === 'd').length <= 2);
        assert.ok(ranges.filter((r) => r.grain === 'm').length <= 1);
      }),
      { numRuns: 300 },
    );
  });

  it('covers everything before a day with months and the days of its month', () => {
    assert.deepEqual(bucketsBefore('2019-03-05'), [
      { grain: 'm', from: '0001-01', to: '2019-02' },
      { grain: 'd', from: '2019-03-01', to: '2019-03-04' },
    ]);
    assert.deepEqual(bucketsBefore('2019-01-01'), [{ grain: 'm', from: '0001-01', to: '2018-12' }]);
  });

  it('names the periods the reports use', () => {
    assert.deepEqual(namedPeriod('2019-9M'), { from: '2019-01-01', to: '2019-09-30' });
    assert.deepEqual(namedPeriod('2016-6M'), { from: '2016-01-01', to: '2016-06-30' });
    assert.deepEqual(namedPeriod('2024-Q1'), { from: '2024-01-01', to: '2024-03-31' });
    assert.deepEqual(namedPeriod('2024-02'), { from: '2024-02-01', to: '2024-02-29' });
    assert.deepEqual(namedPeriod('2026'), { from: '2026-01-01', to: '2026-12-31' });
    assert.equal(namedPeriod('2026-13'), undefined);
    assert.equal(namedPeriod('2026-Q5'), undefined);
  });
});
