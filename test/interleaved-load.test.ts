// The scale target's ratio comes from alternating slots (bench/interleaved-load.ts): A B B A so that a machine
// whose speed drifts during the run weighs both sides alike. Checked on made-up slots, no timing involved.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { pairRatios, slotOrder, summariseSlots, type SlotFigures } from '../bench/interleaved-load.js';

it('orders the slots A B B A per cycle, each side as often as the other', () => {
  assert.deepEqual(slotOrder(1), ['a', 'b', 'b', 'a']);
  assert.deepEqual(slotOrder(2), ['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
  for (const cycles of [1, 3, 5]) {
    const order = slotOrder(cycles);
    assert.equal(order.filter((s) => s === 'a').length, order.filter((s) => s === 'b').length);
  }
});

it('gives the true ratio of two servers however fast the machine drifts linearly during the run', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.double({ min: 500, max: 5000, noNaN: true }),
      fc.double({ min: 0.5, max: 1.5, noNaN: true }),
      fc.double({ min: -0.1, max: 0.1, noNaN: true }), // machine speed change per slot (±10%)
      (cycles, rateA, trueRatio, drift) => {
        const seconds = 2.5;
        const slots: SlotFigures[] = slotOrder(cycles).map((side, i) => {
          const speed = 1 + drift * i;
          const rate = (side === 'a' ? rateA : rateA * trueRatio) * speed;
          return { side, seconds, ok: rate * seconds, failed: 0, p50: 10, p99: 30, cpuSeconds: null };
        });
        const figures = summariseSlots(slots);
        assert.ok(Math.abs(figures.ratio - trueRatio) < 1e-9 * trueRatio, `${figures.ratio} vs ${trueRatio}`);
        assert.equal(figures.pairRatios.length, 2 * cycles);
      },
    ),
  );
});

it('reports each adjacent pair, the median p50 and the worst p99 of each side, and the warm-up answers', () => {
  const slot = (side: 'a' | 'b', ok: number, p50: number, p99: number): SlotFigures => ({ side, seconds: 2, ok, failed: side === 'b' ? 1 : 0, p50, p99, cpuSeconds: ok / 4000 });
  const slots = [slot('a', 8000, 10, 30), slot('b', 6000, 12, 40), slot('b', 7000, 11, 90), slot('a', 7000, 9, 25)];
  assert.deepEqual(pairRatios(slots).map((r) => r.toFixed(3)), ['0.750', '1.000']);
  const warm = { seconds: 5, ok: 100, failed: 3, p50: 10, p99: 20 };
  const figures = summariseSlots(slots, warm, undefined);
  assert.equal(figures.a.perSecond, 15000 / 4);
  assert.equal(figures.b.perSecond, 13000 / 4);
  assert.equal(figures.a.p50, 9);
  assert.equal(figures.b.p99, 90);
  assert.equal(figures.b.failed, 2);
  assert.equal(figures.a.all2xx, 15100);
  assert.equal(figures.a.warmupProblems, 3);
  assert.equal(figures.b.all2xx, 13000);
  assert.equal(figures.a.cpuMsPerAnswer, 0.25, 'CPU seconds over answers, in ms');
  assert.equal(summariseSlots([{ ...slots[0]!, cpuSeconds: null }, slots[1]!]).a.cpuMsPerAnswer, null, 'no figure when a slot has none');
  assert.throws(() => pairRatios([slot('a', 1, 1, 1), slot('a', 1, 1, 1)]), /one slot of each side/);
});
