import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { timeOrderedId } from './time-ordered-id.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

it('makes RFC 9562 version-7 UUIDs whose text order follows time, unique within a millisecond', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 - 10_000 }), fc.integer({ min: 1, max: 10_000 }), (t, dt) => {
      const a = timeOrderedId(t);
      const b = timeOrderedId(t + dt);
      assert.match(a, V7);
      assert.ok(a < b, `${a} < ${b}`);
      assert.equal(parseInt(a.replace(/-/g, '').slice(0, 12), 16), t, 'the first 48 bits are the millisecond');
    }),
  );
  const same = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(1_780_000_000_000)));
  assert.equal(same.size, 10_000);
});
