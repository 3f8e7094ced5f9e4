import assert from 'node:assert/strict';
import { it } from 'node:test';
import { dayNumber, weekdayOf } from './legal-time.js';
import { OFFICIAL_YEARS } from './official/vietnam-public-servants.js';
import { proposeYear } from './provisional-holidays.js';

it('proposes for 2026 exactly the official weekdays off, except the announced swap', () => {
  const proposed = proposeYear(2026).filter((e) => weekdayOf(dayNumber(e.date)) % 6 !== 0).map((e) => e.date);
  const official = OFFICIAL_YEARS.find((y) => y.year === 2026)!.entries.filter((e) => e.kind !== 'make_up_working_day' && e.kind !== 'swapped_day_off' && weekdayOf(dayNumber(e.date)) % 6 !== 0).map((e) => e.date);
  assert.deepEqual(proposed.sort(), official.sort());
  assert.ok(proposeYear(2026).every((e) => e.provisional));
});

it('gives 11 holidays a year, and a weekday off in lieu of every holiday on a weekend (2027–2050)', () => {
  for (let year = 2027; year <= 2050; year++) {
    const entries = proposeYear(year);
    const holidays = entries.filter((e) => e.kind === 'holiday');
    const onWeekend = holidays.filter((e) => weekdayOf(dayNumber(e.date)) % 6 === 0).length;
    const inLieu = entries.filter((e) => e.kind === 'compensatory_day_off');
    assert.equal(holidays.length, 11, `${year}`);
    assert.equal(inLieu.length, onWeekend, `${year}`);
    assert.ok(inLieu.every((e) => weekdayOf(dayNumber(e.date)) % 6 !== 0));
    assert.equal(new Set(entries.map((e) => e.date)).size, entries.length, `${year}: no day twice`);
  }
});

it('puts Hùng Kings’ Day of 2027 on Friday 16/04 and Tết 2027 (Saturday 06/02) with days in lieu', () => {
  const entries = proposeYear(2027);
  assert.ok(entries.some((e) => e.date === '2027-04-16' && e.kind === 'holiday'));
  // Tết 2027: eve Fri 05/02, mùng 1–4 Sat 06 – Tue 09; Sat and Sun give Wed 10 and Thu 11 off.
  assert.deepEqual(entries.filter((e) => e.date >= '2027-02-05' && e.date <= '2027-02-11').map((e) => `${e.date}:${e.kind}`), [
    '2027-02-05:holiday',
    '2027-02-06:holiday',
    '2027-02-07:holiday',
    '2027-02-08:holiday',
    '2027-02-09:holiday',
    '2027-02-10:compensatory_day_off',
    '2027-02-11:compensatory_day_off',
  ]);
});
