import assert from 'node:assert/strict';
import { it } from 'node:test';
import { classifyCompletion } from './classify.js';
import { computeDueDate } from './due-date.js';
import { explainDueDate } from './explain.js';
import { nationalCalendar } from './national-calendar.js';

const calendar = nationalCalendar();
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

it('explains each day counted or skipped, and why, in Vietnamese and English', () => {
  const result = computeDueDate(calendar, { receivedAt: vn('2026-02-12 09:00'), duration: { amount: 3, unit: 'working_days' } });
  const vi = explainDueDate(calendar, result, 'vi');
  assert.deepEqual(vi, [
    'Tiếp nhận lúc 09:00 Thứ Năm 12/02/2026.',
    'Thứ Sáu 13/02/2026: ngày làm việc thứ 1.',
    'Thứ Bảy 14/02/2026: không tính — ngày nghỉ hằng tuần.',
    'Chủ nhật 15/02/2026: không tính — ngày nghỉ hằng tuần.',
    'Thứ Hai 16/02/2026: không tính — Tết Nguyên đán (29 tháng Chạp Ất Tỵ).',
    'Thứ Ba 17/02/2026: không tính — Tết Nguyên đán (mùng 1 Bính Ngọ).',
    'Thứ Tư 18/02/2026: không tính — Tết Nguyên đán (mùng 2 Bính Ngọ).',
    'Thứ Năm 19/02/2026: không tính — Tết Nguyên đán (mùng 3 Bính Ngọ).',
    'Thứ Sáu 20/02/2026: không tính — Tết Nguyên đán (mùng 4 Bính Ngọ).',
    'Thứ Bảy 21/02/2026: không tính — ngày nghỉ hằng tuần.',
    'Chủ nhật 22/02/2026: không tính — ngày nghỉ hằng tuần.',
    'Thứ Hai 23/02/2026: ngày làm việc thứ 2.',
    'Thứ Ba 24/02/2026: ngày làm việc thứ 3.',
    'Hẹn trả kết quả: 17:00 Thứ Ba 24/02/2026.',
  ]);
  const en = explainDueDate(calendar, result, 'en');
  assert.equal(en.at(-1), 'Due: 17:00 on Tuesday 24/02/2026.');
  assert.ok(en.includes('Monday 16/02/2026: not counted — Lunar New Year (eve).'));
});

it('explains a make-up Saturday, a cut-off and a pause', () => {
  const makeUp = explainDueDate(calendar, computeDueDate(calendar, { receivedAt: vn('2026-08-21 16:00'), duration: { amount: 1, unit: 'working_days' }, cutOff: '15:00' }), 'vi');
  assert.deepEqual(makeUp, [
    'Tiếp nhận lúc 16:00 Thứ Sáu 21/08/2026.',
    'Coi như tiếp nhận ngày Thứ Bảy 22/08/2026 — Làm bù cho ngày nghỉ 31/8/2026 (tiếp nhận sau giờ chốt trong ngày).',
    'Thứ Hai 24/08/2026: ngày làm việc thứ 1.',
    'Hẹn trả kết quả: 17:00 Thứ Hai 24/08/2026.',
  ]);
  const paused = explainDueDate(calendar, computeDueDate(calendar, { receivedAt: vn('2026-03-02 09:00'), duration: { amount: 2, unit: 'working_days' }, pauses: [{ from: vn('2026-03-03 09:00'), to: vn('2026-03-03 11:00') }] }), 'en');
  assert.ok(paused.includes('Paused from 09:00 on Tuesday 03/03/2026 to 11:00 on Tuesday 03/03/2026: 2 h not counted.'), paused.join('\n'));
  assert.ok(paused.includes('Tuesday 03/03/2026: 6 h counted.'));
  assert.ok(paused.includes('Wednesday 04/03/2026: working day 1.'));
  assert.ok(paused.includes('Thursday 05/03/2026: 2 h counted, completing working day 2.'), paused.join('\n'));
  assert.equal(paused.at(-1), 'Due: 09:00 on Thursday 05/03/2026.');
});

it('classifies completion as early, on time or late', () => {
  const due = vn('2026-02-24 17:00');
  assert.equal(classifyCompletion(due, vn('2026-02-23 10:00')), 'early');
  assert.equal(classifyCompletion(due, vn('2026-02-24 16:59')), 'on_time');
  assert.equal(classifyCompletion(due, vn('2026-02-24 17:30')), 'on_time', 'on the due day counts as on time');
  assert.equal(classifyCompletion(due, vn('2026-02-24 17:30'), 'by_instant'), 'late');
  assert.equal(classifyCompletion(due, vn('2026-02-25 07:00')), 'late');
});
