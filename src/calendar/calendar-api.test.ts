import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDialect } from '../../test/support/test-app.js';

forEachDialect('legal clock API', (testApp) => {
  it('computes a due date with its explanation, in the caller’s language', async () => {
    const t = testApp();
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/calendar/due-date',
      headers: { 'accept-language': 'en' },
      payload: { receivedAt: '2026-02-12T09:00:00+07:00', duration: { amount: 3, unit: 'working_days' } },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.dueAt, '2026-02-24T10:00:00.000Z'); // 17:00 in Vietnam
    assert.equal(body.explanation.at(-1), 'Due: 17:00 on Tuesday 24/02/2026.');
    assert.equal(body.trace.filter((s: { countedDayNumber?: number | null }) => s.countedDayNumber).length, 3);
    const vi = (await t.inject({ method: 'POST', url: '/api/v1/calendar/due-date', payload: { receivedAt: '2026-02-12T09:00:00+07:00', duration: { amount: 3, unit: 'working_days' } } })).json();
    assert.equal(vi.explanation.at(-1), 'Hẹn trả kết quả: 17:00 Thứ Ba 24/02/2026.');
  });

  it('uses the office hours of a unit in force on the day of receipt', async () => {
    const t = testApp();
    const cookie = await t.login('candang.quantri');
    const canDang = (await t.inject({ method: 'GET', url: '/api/v1/units?q=000.21.45.H01' })).json().items[0];
    const newHours = [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '16:30' }];
    const past = await t.inject({ method: 'PATCH', url: `/api/v1/units/${canDang.id}`, headers: { cookie }, payload: { version: canDang.version, officeHours: newHours, officeHoursFrom: '2020-01-06' } });
    assert.equal(past.statusCode, 422);
    assert.equal(past.json().error.code, 'UNIT_OFFICE_HOURS_PAST');
    const patched = await t.inject({ method: 'PATCH', url: `/api/v1/units/${canDang.id}`, headers: { cookie }, payload: { version: canDang.version, officeHours: newHours, officeHoursFrom: '2099-01-05' } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.deepEqual(patched.json().officeHours, canDang.officeHours, 'today the old hours are still in force');
    const later = (await t.inject({ method: 'GET', url: `/api/v1/units/${canDang.id}?asOf=2099-01-05` })).json();
    assert.deepEqual(later.officeHours, newHours);
    const history = (await t.inject({ method: 'GET', url: `/api/v1/units/${canDang.id}/office-hours` })).json().items;
    assert.deepEqual(history.map((h: { validFrom: string }) => h.validFrom), ['2008-08-01', '2099-01-05']);

    const due = async (receivedAt: string) => (await t.inject({ method: 'POST', url: '/api/v1/calendar/due-date', payload: { unitId: canDang.id, receivedAt, duration: { amount: 1, unit: 'working_days' } } })).json().dueAt;
    assert.equal(await due('2099-01-05T09:00:00+07:00'), '2099-01-06T09:30:00.000Z'); // 16:30 local under the new hours
    assert.equal(await due('2026-03-10T09:00:00+07:00'), '2026-03-11T10:00:00.000Z', 'an appointment of March 2026 keeps the hours of that time');
  });

  it('lists the days of a period with the reason of each day off', async () => {
    const t = testApp();
    const response = await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/days?from=2026-08-21&to=2026-09-03' });
    assert.equal(response.statusCode, 200, response.body);
    const byDate = new Map(response.json().items.map((d: { date: string }) => [d.date, d]));
    assert.equal((byDate.get('2026-08-22') as { working: boolean; kind: string }).kind, 'make_up_working_day');
    assert.equal((byDate.get('2026-08-22') as { working: boolean }).working, true);
    assert.equal((byDate.get('2026-08-31') as { kind: string }).kind, 'swapped_day_off');
    assert.equal((byDate.get('2026-09-02') as { name: { vi: string } }).name.vi, 'Quốc khánh 2/9');
    assert.equal((byDate.get('2026-08-23') as { kind: string }).kind, 'weekly_rest_day');
  });

  it('answers bad input with the error model', async () => {
    const t = testApp();
    const cases = [
      { payload: { receivedAt: 'yesterday', duration: { amount: 3, unit: 'working_days' } }, code: 'VALIDATION_FAILED' },
      { payload: { receivedAt: '2026-02-12T09:00:00+07:00', duration: { amount: 3, unit: 'fortnights' } }, code: 'VALIDATION_FAILED' },
      { payload: { calendarId: 'mars', receivedAt: '2026-02-12T09:00:00+07:00', duration: { amount: 3, unit: 'working_days' } }, code: 'CALENDAR_NOT_FOUND' },
      { payload: { receivedAt: '2026-02-12T09:00:00+07:00', duration: { amount: 3, unit: 'working_days' }, pauses: [{ from: '2026-02-13T09:00:00+07:00', to: '2026-02-12T09:00:00+07:00' }] }, code: 'DUE_DATE_INPUT_INVALID' },
      { payload: { receivedAt: '2026-02-12T09:00:00+07:00', duration: { amount: 3, unit: 'working_days' }, extension: { amount: 1, unit: 'months' } }, code: 'DUE_DATE_INPUT_INVALID' },
    ];
    for (const c of cases) {
      const response = await t.inject({ method: 'POST', url: '/api/v1/calendar/due-date', payload: c.payload });
      assert.equal(response.json().error?.code, c.code, response.body);
    }
    const range = await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/days?from=2026-01-01&to=2030-01-01' });
    assert.equal(range.statusCode, 400);
  });
});

forEachDialect('legal clock API, years without an official list', (testApp) => {
  it('marks the days proposed from the lunar calendar as provisional', async () => {
    const response = await testApp().inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/days?from=2027-02-05&to=2027-02-11' });
    const days = response.json().items;
    assert.deepEqual(days.map((d: { working: boolean }) => d.working), [false, false, false, false, false, false, false]);
    assert.ok(days.filter((d: { kind: string }) => d.kind !== 'weekly_rest_day').every((d: { provisional: boolean }) => d.provisional));
    const official = (await testApp().inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/days?from=2026-02-16&to=2026-02-16' })).json().items[0];
    assert.equal(official.provisional, false);
  });
}, { seed: false });

forEachDialect('legal clock API, rule sets', (testApp) => {
  it('applies the pause rule of the rule set in force on the day of receipt', async () => {
    const t = testApp();
    const request = (receivedAt: string, from: string, to: string, extra = {}) =>
      t.inject({ method: 'POST', url: '/api/v1/calendar/due-date', payload: { receivedAt, duration: { amount: 5, unit: 'working_days' }, pauses: [{ from, to, reason: 'supplement' }], ...extra } });
    const in2019 = (await request('2019-03-04T09:00:00+07:00', '2019-03-05T09:00:00+07:00', '2019-03-07T09:00:00+07:00')).json();
    assert.equal(in2019.ruleSetId, 'decree-61-2018');
    assert.equal(in2019.dueAt, '2019-03-14T10:00:00.000Z', 'restarted: 5 working days from Fri 08/03');
    const in2026 = (await request('2026-03-02T09:00:00+07:00', '2026-03-03T09:00:00+07:00', '2026-03-05T09:00:00+07:00')).json();
    assert.equal(in2026.ruleSetId, 'decree-118-2025');
    assert.equal(in2026.dueAt, '2026-03-11T10:00:00.000Z', 'paused office time not counted');
    const unknown = await request('2026-03-02T09:00:00+07:00', '2026-03-03T09:00:00+07:00', '2026-03-05T09:00:00+07:00', { ruleSetId: 'decree-0' });
    assert.equal(unknown.json().error.code, 'RULE_SET_NOT_FOUND');
    const sets = (await t.inject({ method: 'GET', url: '/api/v1/calendar/rule-sets' })).json().items;
    assert.deepEqual(sets.map((s: { id: string }) => s.id), ['decree-61-2018', 'decision-766-2022', 'decree-118-2025']);
  });

  it('classifies completion by the rule of the rule set in force', async () => {
    const t = testApp();
    const classify = async (completedAt: string, rule?: string) =>
      (await t.inject({ method: 'POST', url: '/api/v1/calendar/classify', payload: { dueAt: '2026-02-24T10:00:00.000Z', completedAt, ...(rule ? { rule } : {}) } })).json();
    assert.deepEqual(await classify('2026-02-23T03:00:00.000Z'), { timeliness: 'early', rule: 'by_instant' });
    assert.deepEqual(await classify('2026-02-24T10:30:00.000Z'), { timeliness: 'late', rule: 'by_instant' });
    assert.deepEqual(await classify('2026-02-24T10:30:00.000Z', 'by_day'), { timeliness: 'on_time', rule: 'by_day' });
  });
}, { seed: false });
