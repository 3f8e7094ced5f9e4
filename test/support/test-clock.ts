// A clock tests move by hand: processing spans days, and every rule that depends on "now" reads it.
import type { Clock } from '../../src/time/clock.js';

export interface TestClock extends Clock {
  set(instant: string): void;
}

export function testClock(start: string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant);
    },
  };
}
