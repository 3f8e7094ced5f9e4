import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDialect } from '../../test/support/test-app.js';
import { DEMO_PASSWORD } from '../demo/demo-data.js';

const list2027 = {
  status: 'official',
  sources: ['Thông báo (giả định cho kiểm thử) của Bộ Nội vụ về lịch nghỉ năm 2027'],
  entries: [
    { date: '2027-01-01', kind: 'holiday', name: { vi: 'Tết Dương lịch', en: 'New Year' } },
    { date: '2027-02-05', kind: 'holiday', name: { vi: 'Tết Nguyên đán', en: 'Lunar New Year' } },
    { date: '2027-02-08', kind: 'holiday', name: { vi: 'Tết Nguyên đán', en: 'Lunar New Year' } },
    { date: '2027-02-09', kind: 'holiday', name: { vi: 'Tết Nguyên đán', en: 'Lunar New Year' } },
    { date: '2027-02-10', kind: 'compensatory_day_off', name: { vi: 'Nghỉ bù', en: 'Day off in lieu' } },
    { date: '2027-02-11', kind: 'compensatory_day_off', name: { vi: 'Nghỉ bù', en: 'Day off in lieu' } },
    { date: '2027-02-12', kind: 'swapped_day_off', name: { vi: 'Nghỉ hoán đổi', en: 'Swapped day off' } },
    { date: '2027-02-20', kind: 'make_up_working_day', name: { vi: 'Làm bù cho 12/02/2027', en: 'Working Saturday for 12/02/2027' } },
  ],
};

forEachDialect('calendar administration', (testApp) => {
  it('shows the official list of a shipped year and the proposed days of a year without one', async () => {
    const t = testApp();
    const y2026 = (await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/years/2026' })).json();
    assert.equal(y2026.status, 'official');
    assert.equal(y2026.version, 1);
    assert.ok(y2026.entries.some((e: { date: string; kind: string }) => e.date === '2026-08-22' && e.kind === 'make_up_working_day'));
    const y2027 = (await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/years/2027' })).json();
    assert.equal(y2027.status, 'provisional');
    assert.equal(y2027.version, null);
  });

  it('lets a system administrator record a year, keeps every version, and uses the newest', async () => {
    const t = testApp();
    const admin = await t.login('admin');
    const forbidden = await t.inject({ method: 'PUT', url: '/api/v1/calendar/vn-public-servants/years/2027', headers: { cookie: await t.login('tinh.quantri') }, payload: list2027 });
    assert.equal(forbidden.statusCode, 403);

    const first = await t.inject({ method: 'PUT', url: '/api/v1/calendar/vn-public-servants/years/2027', headers: { cookie: admin }, payload: list2027 });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().version, 1);
    const days = async () => new Map((await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/days?from=2027-02-12&to=2027-02-20' })).json().items.map((d: { date: string; working: boolean; provisional: boolean }) => [d.date, d]));
    const before = await days();
    assert.equal((before.get('2027-02-12') as { working: boolean }).working, false);
    assert.equal((before.get('2027-02-20') as { working: boolean }).working, true, 'the make-up Saturday');
    assert.equal((before.get('2027-02-12') as { provisional: boolean }).provisional, false);

    const corrected = await t.inject({ method: 'PUT', url: '/api/v1/calendar/vn-public-servants/years/2027', headers: { cookie: admin }, payload: { ...list2027, entries: list2027.entries.filter((e) => e.date !== '2027-02-12' && e.date !== '2027-02-20'), note: 'swap cancelled' } });
    assert.equal(corrected.json().version, 2);
    const after = await days();
    assert.equal((after.get('2027-02-12') as { working: boolean }).working, true);
    assert.equal((after.get('2027-02-20') as { working: boolean }).working, false);
    const versions = (await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/years/2027/versions' })).json().items;
    assert.deepEqual(versions.map((v: { version: number; entries: unknown[] }) => [v.version, v.entries.length]), [[1, 8], [2, 6]]);

  });

  it('refuses a list with days outside the year, twice the same day, or a weekday as make-up day', async () => {
    const t = testApp();
    const admin = await t.login('admin');
    const bad = { ...list2027, entries: [list2027.entries[0], { ...list2027.entries[0] }, { date: '2028-01-01', kind: 'holiday', name: { vi: 'x', en: 'x' } }, { date: '2027-03-03', kind: 'make_up_working_day', name: { vi: 'x', en: 'x' } }] };
    const response = await t.inject({ method: 'PUT', url: '/api/v1/calendar/vn-public-servants/years/2027', headers: { cookie: admin }, payload: bad });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json().error.code, 'CALENDAR_YEAR_INVALID');
    assert.equal(response.json().error.details.problems.length, 3);
  });

  it('gives a province its own calendar, inherited by its units, without touching the national one', async () => {
    const t = testApp();
    const provinceAdmin = await t.login('tinh.quantri');
    const units = (await t.inject({ method: 'GET', url: '/api/v1/units?limit=100' })).json().items;
    const province = units.find((u: { code: string }) => u.code === '000.00.00.H01');
    const commune = units.find((u: { code: string }) => u.code === '000.21.45.H01');
    const communeAdmin = await t.login('candang.quantri');
    assert.equal((await t.inject({ method: 'POST', url: '/api/v1/calendar', headers: { cookie: communeAdmin }, payload: { unitId: province.id, name: 'x' } })).statusCode, 403);

    const created = await t.inject({ method: 'POST', url: '/api/v1/calendar', headers: { cookie: provinceAdmin }, payload: { unitId: province.id, name: 'Lịch làm việc tỉnh An Giang' } });
    assert.equal(created.statusCode, 201, created.body);
    const calendarId = created.json().id;
    assert.equal(created.json().parentId, 'vn-public-servants');

    // The province gives Friday 2026-03-13 off (an example of a local decision) in its own 2026 list.
    const national2026 = (await t.inject({ method: 'GET', url: '/api/v1/calendar/vn-public-servants/years/2026' })).json();
    const recorded = await t.inject({
      method: 'PUT',
      url: `/api/v1/calendar/${calendarId}/years/2026`,
      headers: { cookie: provinceAdmin },
      payload: { status: 'official', sources: ['Quyết định của UBND tỉnh (ví dụ)'], entries: [...national2026.entries, { date: '2026-03-13', kind: 'holiday', name: { vi: 'Ngày nghỉ của tỉnh', en: 'Provincial day off' } }] },
    });
    assert.equal(recorded.statusCode, 200, recorded.body);

    const due = (unitId?: string) => t.inject({ method: 'POST', url: '/api/v1/calendar/due-date', payload: { ...(unitId ? { unitId } : {}), receivedAt: '2026-03-12T09:00:00+07:00', duration: { amount: 1, unit: 'working_days' } } });
    const inCommune = (await due(commune.id)).json();
    assert.equal(inCommune.calendarId, calendarId, 'a commune of the province uses the province calendar');
    assert.equal(inCommune.dueAt, '2026-03-16T10:00:00.000Z');
    assert.equal((await due()).json().dueAt, '2026-03-13T10:00:00.000Z', 'the national calendar is unchanged');
    const own = (await t.inject({ method: 'GET', url: `/api/v1/calendar/${calendarId}/years/2026` })).json();
    assert.equal(own.inheritedFrom, null);
    const inherited = (await t.inject({ method: 'GET', url: `/api/v1/calendar/${calendarId}/years/2025` })).json();
    assert.equal(inherited.inheritedFrom, 'vn-public-servants');
    assert.equal(inherited.status, 'official');
    const proposed = (await t.inject({ method: 'GET', url: `/api/v1/calendar/${calendarId}/years/2031` })).json();
    assert.deepEqual([proposed.status, proposed.version], ['provisional', null]);
  });
});

let now = new Date('2026-10-16T03:00:00Z');
forEachDialect(
  'calendar versions over time',
  (testApp) => {
    it('recomputes an appointment exactly with the lists known when it was given', async () => {
      const t = testApp();
      const admin = await t.login('admin');
      assert.equal((await t.inject({ method: 'PUT', url: '/api/v1/calendar/vn-public-servants/years/2027', headers: { cookie: admin }, payload: list2027 })).json().version, 1);
      const givenAt = now.toISOString();
      now = new Date(now.getTime() + 30 * 86_400_000); // a month later the swap is cancelled
      // The first session has expired by then: sign in again.
      const signIn = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      const later = `motcua_session=${signIn.cookies.find((c) => c.name === 'motcua_session')!.value}`;
      const corrected = await t.inject({ method: 'PUT', url: '/api/v1/calendar/vn-public-servants/years/2027', headers: { cookie: later }, payload: { ...list2027, entries: list2027.entries.filter((e) => e.date !== '2027-02-12' && e.date !== '2027-02-20') } });
      assert.equal(corrected.json().version, 2, corrected.body);
      const due = (extra = {}) => t.inject({ method: 'POST', url: '/api/v1/calendar/due-date', payload: { receivedAt: '2027-02-19T09:00:00+07:00', duration: { amount: 1, unit: 'working_days' }, ...extra } });
      assert.equal((await due({ listsKnownAt: givenAt })).json().dueAt, '2027-02-20T10:00:00.000Z', 'then, Saturday 20/02 was a make-up working day');
      assert.equal((await due()).json().dueAt, '2027-02-22T10:00:00.000Z', 'now it is not');
    });
  },
  { clock: { now: () => new Date(now) } },
);
