import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeDueDate, type Duration, type Pause } from './due-date.js';
import { dateOfDay, toLocal } from './legal-time.js';
import { NATIONAL_CALENDAR, nationalCalendar } from './national-calendar.js';
import { WorkCalendar, type CalendarDefinition } from './work-calendar.js';

const calendar = nationalCalendar();
/** A local Vietnam time written 'YYYY-MM-DD HH:MM' as an instant. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const localOf = (instant: Date | null) => {
  assert.ok(instant);
  const { day, minute } = toLocal(instant);
  return `${dateOfDay(day)} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
};
const days = (amount: number): Duration => ({ amount, unit: 'working_days' });

describe('LAW.md §5.4 test vectors (national calendar of public servants)', () => {
  const vectors: Array<[string, number, string, string]> = [
    ['2026-02-12', 3, '2026-02-24', 'Tết 2026: Fri 13 counts, 16–20 off'],
    ['2026-04-24', 1, '2026-04-28', "Hùng Kings' Day on Sunday, compensatory Monday 27"],
    ['2026-04-29', 2, '2026-05-05', '30/4 and 1/5'],
    ['2025-04-25', 2, '2025-04-28', 'make-up Saturday 26/04/2025 counts'],
    ['2026-08-21', 1, '2026-08-22', 'make-up Saturday 22/08/2026 counts'],
    ['2026-08-28', 1, '2026-09-03', 'National Day break with the swapped Monday 31/08'],
    ['2024-02-07', 1, '2024-02-15', 'Tết 2024 break of 8–14 Feb'],
    ['2025-01-24', 5, '2025-02-07', 'Tết 2025'],
    ['2024-12-31', 1, '2025-01-02', 'New Year'],
  ];
  for (const [received, n, due, what] of vectors) {
    it(`${received} + ${n} working day(s) → ${due} (${what})`, () => {
      const result = computeDueDate(calendar, { receivedAt: vn(`${received} 09:00`), duration: days(n) });
      assert.equal(localOf(result.dueAt), `${due} 17:00`);
    });
  }

  it('can leave make-up Saturdays out of time limits (a calendar option)', () => {
    const strict = new WorkCalendar({ ...NATIONAL_CALENDAR, id: 'no-make-up', makeUpDaysCount: false });
    assert.equal(localOf(computeDueDate(strict, { receivedAt: vn('2026-08-21 09:00'), duration: days(1) }).dueAt), '2026-08-24 17:00');
    assert.equal(localOf(computeDueDate(strict, { receivedAt: vn('2025-04-25 09:00'), duration: days(2) }).dueAt), '2025-04-29 17:00');
  });

  it('a paper dossier at 16:30 under a 15:00 cut-off, same day → next working day', () => {
    const result = computeDueDate(calendar, { receivedAt: vn('2026-03-10 16:30'), duration: days(0), cutOff: '15:00' });
    assert.equal(localOf(result.dueAt), '2026-03-11 17:00');
    const before = computeDueDate(calendar, { receivedAt: vn('2026-03-10 14:59'), duration: days(0), cutOff: '15:00' });
    assert.equal(localOf(before.dueAt), '2026-03-10 17:00');
  });

  it('an online dossier on Saturday 14/02/2026 counts from Monday 23/02/2026', () => {
    const result = computeDueDate(calendar, { receivedAt: vn('2026-02-14 10:00'), duration: days(0), cutOff: '17:00' });
    assert.equal(localOf(result.dueAt), '2026-02-23 17:00');
    assert.deepEqual(result.trace[1], { type: 'counts_from', day: toLocal(vn('2026-02-23 08:00')).day, because: 'day_off' });
    const oneDay = computeDueDate(calendar, { receivedAt: vn('2026-02-14 10:00'), duration: days(1), cutOff: '17:00' });
    assert.equal(localOf(oneDay.dueAt), '2026-02-24 17:00');
  });
});

describe('working hours', () => {
  it('run from the moment itself, inside office hours, across the lunch break and days', () => {
    const cases: Array<[string, number, string]> = [
      ['2026-03-10 08:00', 2, '2026-03-10 10:00'],
      ['2026-03-10 08:30', 3, '2026-03-10 11:30'], // ends at the lunch break, not after it
      ['2026-03-10 10:30', 2, '2026-03-10 14:30'], // 1 h before lunch, 1 h after
      ['2026-03-10 12:15', 1, '2026-03-10 14:30'], // received during lunch: counts from 13:30
      ['2026-03-10 16:00', 4, '2026-03-11 10:00'],
      ['2026-03-10 06:00', 8, '2026-03-10 17:00'],
      ['2026-03-13 16:00', 2, '2026-03-16 08:00'], // Friday → Monday
      ['2026-02-13 16:00', 4, '2026-02-23 10:00'], // Friday before Tết
    ];
    for (const [received, hours, due] of cases) {
      assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn(received), duration: { amount: hours, unit: 'working_hours' } }).dueAt), due, `${received} + ${hours} h`);
    }
  });
});

describe('calendar days and months', () => {
  it('count every day from the day after, and move a last day off a day off', () => {
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2026-03-10 09:00'), duration: { amount: 10, unit: 'calendar_days' } }).dueAt), '2026-03-20 17:00');
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2026-03-10 09:00'), duration: { amount: 11, unit: 'calendar_days' } }).dueAt), '2026-03-23 17:00'); // Sat 21 → Mon 23
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2026-02-06 09:00'), duration: { amount: 10, unit: 'calendar_days' } }).dueAt), '2026-02-23 17:00'); // 16/02 Tết → 23/02
  });

  it('end on the same day of the month, or the last day of a shorter month', () => {
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2026-03-10 09:00'), duration: { amount: 1, unit: 'months' } }).dueAt), '2026-04-10 17:00');
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2026-01-30 09:00'), duration: { amount: 1, unit: 'months' } }).dueAt), '2026-03-02 17:00'); // 28/02 is a Saturday
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2025-12-31 09:00'), duration: { amount: 2, unit: 'months' } }).dueAt), '2026-03-02 17:00');
  });
});

describe('pauses and extensions', () => {
  const received = vn('2026-03-02 09:00'); // Monday
  it('do not count paused office time (Decision 766 indicator 2.1)', () => {
    const pauses: Pause[] = [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-05 09:00'), reason: 'supplement' }];
    const result = computeDueDate(calendar, { receivedAt: received, duration: days(5), pauses });
    // 5 days from Tue 03/03 07:00 would end Mon 09/03 17:00; 2 office days paused → Wed 11/03 17:00.
    assert.equal(localOf(result.dueAt), '2026-03-11 17:00');
  });

  it('restart from zero when the applicant answers (Decree 61/2018 Art. 19(4))', () => {
    const pauses: Pause[] = [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-05 09:00'), reason: 'supplement' }];
    const result = computeDueDate(calendar, { receivedAt: received, duration: days(5), pauses, pauseRule: 'restart_from_zero' });
    assert.equal(localOf(result.dueAt), '2026-03-12 17:00'); // counted from Fri 06/03
  });

  it('stop the clock while a pause is open', () => {
    const result = computeDueDate(calendar, { receivedAt: received, duration: days(5), pauses: [{ from: vn('2026-03-03 09:00'), to: null }] });
    assert.equal(result.dueAt, null);
  });

  it('add one extension in the same family of units', () => {
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: received, duration: days(5), extension: days(3) }).dueAt), '2026-03-12 17:00');
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: received, duration: days(1), extension: { amount: 4, unit: 'working_hours' } }).dueAt), '2026-03-04 11:00');
    assert.equal(localOf(computeDueDate(calendar, { receivedAt: vn('2026-03-02 16:00'), duration: { amount: 2, unit: 'working_hours' }, extension: days(1) }).dueAt), '2026-03-04 08:00');
    assert.throws(() => computeDueDate(calendar, { receivedAt: received, duration: days(1), extension: { amount: 1, unit: 'months' } }), /cannot extend/);
  });
});

// ---- Properties -----------------------------------------------------------------------------------

const start = new Date('2024-01-01T00:00:00Z').getTime();
const instant = fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }).map((m) => new Date(start + m * 60_000));

/** Random calendars: random rest days, random holidays and make-up days, random office hours. */
const randomCalendar = fc
  .record({
    restDays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 3 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 1200 }), { maxLength: 40 }),
    makeUps: fc.uniqueArray(fc.integer({ min: 0, max: 1200 }), { maxLength: 10 }),
    morningStart: fc.integer({ min: 6 * 60, max: 8 * 60 }),
    morningLength: fc.integer({ min: 60, max: 5 * 60 }),
    lunch: fc.integer({ min: 0, max: 120 }),
    afternoonLength: fc.integer({ min: 60, max: 4 * 60 }),
  })
  .map(({ restDays, holidays, makeUps, morningStart, morningLength, lunch, afternoonLength }) => {
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const base = Math.floor(start / 86_400_000);
    const definition: CalendarDefinition = {
      id: 'random',
      name: 'random',
      weeklyRestDays: restDays,
      entries: [
        ...holidays.map((d) => ({ date: dateOfDay(base + d), kind: 'holiday' as const, name: { vi: 'Lễ', en: 'Holiday' } })),
        ...makeUps.filter((d) => !holidays.includes(d)).map((d) => ({ date: dateOfDay(base + d), kind: 'make_up_working_day' as const, name: { vi: 'Làm bù', en: 'Make-up' } })),
      ],
      officeHours: lunch === 0
        ? [{ start: hm(morningStart), end: hm(morningStart + morningLength + afternoonLength) }]
        : [{ start: hm(morningStart), end: hm(morningStart + morningLength) }, { start: hm(morningStart + morningLength + lunch), end: hm(morningStart + morningLength + lunch + afternoonLength) }],
    };
    return new WorkCalendar(definition);
  });

function insideOfficeHours(cal: WorkCalendar, at: Date): boolean {
  const { day, minute } = toLocal(at);
  return cal.isWorkingDay(day) && cal.sessions.some((s) => minute > s.start && minute <= s.end);
}

describe('properties of the legal clock (random calendars and inputs)', () => {
  it('a due date always falls inside office hours of a working day', () => {
    fc.assert(
      fc.property(randomCalendar, instant, fc.integer({ min: 0, max: 40 }), fc.constantFrom('working_days', 'working_hours', 'calendar_days', 'months') as fc.Arbitrary<Duration['unit']>, fc.option(fc.constantFrom('15:00', '17:00')), (cal, at, amount, unit, cutOff) => {
        const { dueAt } = computeDueDate(cal, { receivedAt: at, duration: { amount, unit }, cutOff }, { trace: false });
        assert.ok(insideOfficeHours(cal, dueAt!), `${dueAt?.toISOString()}`);
      }),
      { numRuns: 500 },
    );
  });

  it('adding a then b working days or hours equals adding a + b', () => {
    fc.assert(
      fc.property(randomCalendar, instant, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.constantFrom('working_days', 'working_hours') as fc.Arbitrary<Duration['unit']>, (cal, at, a, b, unit) => {
        const first = computeDueDate(cal, { receivedAt: at, duration: { amount: a, unit } }, { trace: false }).dueAt!;
        // The first due instant is the end of office time a; continuing b more from there:
        const chained = unit === 'working_hours'
          ? computeDueDate(cal, { receivedAt: first, duration: { amount: b, unit } }, { trace: false }).dueAt!
          : computeDueDate(cal, { receivedAt: first, duration: { amount: b, unit } }, { trace: false }).dueAt!;
        const direct = computeDueDate(cal, { receivedAt: at, duration: { amount: a + b, unit } }, { trace: false }).dueAt!;
        assert.equal(chained.toISOString(), direct.toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it('more pause time never gives an earlier due date', () => {
    fc.assert(
      fc.property(randomCalendar, instant, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 0, max: 10 * 24 * 60 }), fc.integer({ min: 1, max: 5 * 24 * 60 }), fc.constantFrom('working_days', 'working_hours', 'calendar_days') as fc.Arbitrary<Duration['unit']>, (cal, at, amount, offset, length, more, unit) => {
        const from = new Date(at.getTime() + offset * 60_000);
        const short = computeDueDate(cal, { receivedAt: at, duration: { amount, unit }, pauses: [{ from, to: new Date(from.getTime() + length * 60_000) }] }, { trace: false }).dueAt!;
        const long = computeDueDate(cal, { receivedAt: at, duration: { amount, unit }, pauses: [{ from, to: new Date(from.getTime() + (length + more) * 60_000) }] }, { trace: false }).dueAt!;
        assert.ok(long >= short, `${long.toISOString()} < ${short.toISOString()}`);
      }),
      { numRuns: 500 },
    );
  });

  it("the trace's counted working days equal the duration", () => {
    fc.assert(
      fc.property(randomCalendar, instant, fc.integer({ min: 1, max: 40 }), (cal, at, amount) => {
        const { trace } = computeDueDate(cal, { receivedAt: at, duration: { amount, unit: 'working_days' } });
        const counted = trace.filter((s) => s.type === 'day' && s.countedDayNumber !== null);
        assert.equal(counted.length, amount);
        assert.ok(counted.every((s) => s.type === 'day' && cal.isWorkingDay(s.day)));
      }),
      { numRuns: 500 },
    );
  });
});
