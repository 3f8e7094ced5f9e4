// Reports at volume, on both databases: random dossiers walked through the real services (every status,
// every transition), then the report API compared with a naive count over the dossiers' states for several
// periods and groupings, the II.06a invariants, carried over = previous closing, access rules, and
// reconciliation against the event log (zero differences; a corrupted counter found and rebuilt).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { unitIdByCode } from '../../test/support/dossier-requests.js';
import { generateDossiers, steppingClock } from '../demo/dossier-generator.js';
import type { DossierState } from '../dossiers/dossier.js';
import { addDays, vietnamDateOf } from '../time/clock.js';
import { DRILL_FIGURES } from './report-drilldown.service.js';

const START = '2026-01-05T01:00:00.000Z';
const clock = steppingClock(START);
const PROVINCE = '000.00.00.H01';

/** The report's definitions written out plainly over the states (the specification the counters must meet). */
function naiveFigures(states: readonly DossierState[], unitIds: ReadonlySet<string>, from: string, to: string) {
  const day = (iso: string) => vietnamDateOf(new Date(iso));
  const f = { receivedOnline: 0, receivedInPersonOrPostal: 0, carriedOver: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, inProgress: 0, inProgressOverdue: 0, pausedSupplement: 0 };
  for (const s of states) {
    if (s.status === 'cancelled' || !s.receivedAt || !unitIds.has(s.receivingUnitId)) continue;
    const received = day(s.receivedAt);
    if (received > to) continue;
    const ended = s.resolvedAt ? day(s.resolvedAt) : null;
    if (received >= from) {
      if (s.channel === 'online' || s.channel === 'messaging') f.receivedOnline++;
      else f.receivedInPersonOrPostal++;
    } else if (ended === null || ended >= from) f.carriedOver++;
    if (ended !== null && ended >= from && ended <= to) {
      if (s.status === 'withdrawn' || s.status === 'stopped' || s.timeliness === 'on_time' || s.timeliness === null) f.resolvedOnTime++;
      else if (s.timeliness === 'early') f.resolvedEarly++;
      else f.resolvedLate++;
    }
    if (ended === null || ended > to) {
      f.inProgress++;
      const waitingSinceBeforeDue = ended === null && s.pauses.some((p) => p.to === null && s.legalDueAt !== null && p.from <= s.legalDueAt);
      if (s.legalDueAt && day(s.legalDueAt) <= to && !(s.resolvedAt && s.resolvedAt <= s.legalDueAt) && !waitingSinceBeforeDue) f.inProgressOverdue++;
      if (s.pauses.some((p) => p.kind === 'supplement' && day(p.from) <= to && (p.to === null || day(p.to) > to))) f.pausedSupplement++;
    }
  }
  return f;
}

async function figuresOf(t: TestApp, user: string, query: string) {
  const response = await t.inject({ method: 'GET', url: `/api/v1/reports/figures?${query}`, headers: { cookie: await t.login(user) } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

forEachDialect(
  'reports',
  (testApp) => {
    let states: DossierState[] = [];
    let lastDay = '';
    let provinceId = '';

    it('walks random dossiers through every transition', async () => {
      const t = testApp();
      clock.set(new Date(START));
      const report = await generateDossiers(t.app.services, { count: 300, seed: 20261203, clock });
      assert.equal(report.created, 300);
      lastDay = vietnamDateOf(new Date(report.to));
      const rows = await t.app.database.reader.selectFrom('dossiers').select('state').execute();
      states = rows.map((r) => (typeof r.state === 'string' ? JSON.parse(r.state) : r.state) as DossierState);
      provinceId = await unitIdByCode(t, PROVINCE);
    });

    it('gives the naive counts for whole, partial and consecutive periods, with the II.06a invariants', async () => {
      const t = testApp();
      const allUnits = new Set(states.map((s) => s.receivingUnitId));
      const firstDay = '2026-01-05';
      const middle = addDays(firstDay, Math.floor((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000 / 2));
      const periods = [
        { from: '2026-01-01', to: lastDay },
        { from: '2026-01-01', to: middle },
        { from: addDays(middle, 1), to: lastDay },
        { from: addDays(firstDay, 3), to: addDays(middle, 9) },
        { from: '2026-01-01', to: '2026-01-31' },
      ];
      let previousClosing: number | undefined;
      for (const [i, period] of periods.entries()) {
        const body = await figuresOf(t, 'tinh.giamsat', `unitId=${provinceId}&from=${period.from}&to=${period.to}`);
        const total = body.total;
        const naive = naiveFigures(states, allUnits, period.from, period.to);
        for (const [name, value] of Object.entries(naive)) assert.equal(total[name], value, `${name} for ${period.from}..${period.to}`);
        assert.equal(total.received, total.receivedOnline + total.receivedInPersonOrPostal + total.carriedOver, '(3) = (4) + (5) + (6)');
        assert.equal(total.resolved, total.resolvedEarly + total.resolvedOnTime + total.resolvedLate, '(7) = (8) + (9) + (10)');
        assert.equal(total.inProgress, total.inProgressWithinTime + total.inProgressOverdue, '(11) = (12) + (13)');
        assert.equal(total.received, total.resolved + total.inProgress, '(3) = (7) + (11)');
        if (i === 2) {
          assert.equal(total.carriedOver, previousClosing, 'carried over = the previous period’s closing in-progress count');
          assert.ok(total.carriedOver > 0, 'some dossiers are carried over into the second half');
        }
        previousClosing = total.inProgress;
      }
      const whole = periods[0]!;
      assert.ok(naiveFigures(states, allUnits, whole.from, whole.to).resolvedEarly > 0, 'the walk resolved dossiers early');
    });

    it('splits into rows that add up to the total, by every grouping', async () => {
      const t = testApp();
      for (const groupBy of ['field', 'procedure', 'unit', 'channel', 'onlineLevel', 'officer']) {
        const body = await figuresOf(t, 'tinh.giamsat', `unitId=${provinceId}&from=2026-01-01&to=${lastDay}&groupBy=${groupBy}`);
        assert.ok(body.rows.length >= 1, groupBy);
        for (const name of ['received', 'carriedOver', 'resolved', 'resolvedEarly', 'resolvedLate', 'inProgress', 'inProgressOverdue']) {
          assert.equal(
            body.rows.reduce((sum: number, row: { figures: Record<string, number> }) => sum + row.figures[name]!, 0),
            body.total[name],
            `${groupBy}: ${name}`,
          );
        }
        for (const row of body.rows) assert.ok(row.label.vi.length > 0, `${groupBy} row ${row.key} has a label`);
      }
      const byUnit = await figuresOf(t, 'tinh.giamsat', `unitId=${provinceId}&period=2026-Q1&groupBy=unit`);
      const candang = await unitIdByCode(t, '001.21.45.H01');
      const desk = byUnit.rows.find((r: { key: string }) => r.key === candang);
      if (desk) {
        const commune = await figuresOf(t, 'candang.lanhdao', `unitId=${await unitIdByCode(t, '000.21.45.H01')}&period=2026-Q1`);
        assert.deepEqual(commune.total, desk.figures, 'the commune’s own report equals its desk’s row in the province report');
      }
    });

    it('fills form II.06a and the 766 progress table as JSON, Excel in the official layout, and CSV', async () => {
      const t = testApp();
      const cookie = await t.login('tinh.giamsat');
      const query = `unitId=${provinceId}&from=2026-01-01&to=${lastDay}`;
      const figures = (await figuresOf(t, 'tinh.giamsat', query)).total;
      const json = (await t.inject({ method: 'GET', url: `/api/v1/reports/forms/ii06a?${query}`, headers: { cookie } })).json();
      assert.deepEqual(json.columns.map((c: { number: number }) => c.number), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
      assert.deepEqual(json.total.values, [figures.received, figures.receivedOnline, figures.receivedInPersonOrPostal, figures.carriedOver, figures.resolved, figures.resolvedEarly, figures.resolvedOnTime, figures.resolvedLate, figures.inProgress, figures.inProgressWithinTime, figures.inProgressOverdue]);
      assert.ok(json.rows.length >= 2, 'one row per field');
      const progress = (await t.inject({ method: 'GET', url: `/api/v1/reports/forms/progress766?${query}`, headers: { cookie } })).json();
      const p = Object.fromEntries(progress.columns.map((c: { key: string }, i: number) => [c.key, progress.total.values[i]]));
      assert.equal(p.received, p.processed + p.stopped + p.inProgress, 'received = processed + stopped + in progress');
      for (const [i, column] of progress.columns.entries()) {
        if (column.figure === null) continue;
        assert.ok((DRILL_FIGURES as readonly string[]).includes(column.figure), `${column.key} links to a list`);
        const list = (await t.inject({ method: 'GET', url: `/api/v1/reports/dossiers?${query}&figure=${column.figure}&limit=1`, headers: { cookie } })).json();
        assert.equal(list.total, progress.total.values[i], `the list behind column (${column.number}) ${column.key}`);
      }

      const xlsx = await t.inject({ method: 'GET', url: `/api/v1/reports/forms/ii06a?${query}&format=xlsx`, headers: { cookie } });
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      assert.equal(sheet.getCell('M1').value, 'Biểu số II.06a/VPCP/KSTT');
      assert.match(String(sheet.getCell('A4').value), /^TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI ỦY BAN NHÂN DÂN TỈNH AN GIANG$/);
      assert.equal(sheet.getCell('C7').value, 'Số hồ sơ nhận giải quyết');
      assert.ok(sheet.getCell('D7').isMerged && sheet.getCell('F7').isMerged, 'group headers are merged over their columns');
      assert.equal(sheet.getCell('M9').value, '(13)');
      const totalRow = sheet.getRow(10 + json.rows.length);
      assert.equal(totalRow.getCell(2).value, 'Tổng cộng');
      assert.deepEqual(json.total.values.map((_: number, i: number) => totalRow.getCell(i + 3).value), json.total.values);

      const csv = await t.inject({ method: 'GET', url: `/api/v1/reports/forms/ii06a?${query}&format=csv`, headers: { cookie, 'accept-language': 'en' } });
      const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(lines.length, json.rows.length + 2);
      assert.match(lines[0]!, /^TT,Tên,\(3\) Dossiers to resolve - Total,/);
      assert.equal(lines.at(-1), `,Total,${json.total.values.join(',')}`);
    });

    it('lists the exact dossiers behind every number (drill-down), paged and as CSV', async () => {
      const t = testApp();
      const cookie = await t.login('tinh.giamsat');
      const scope = `unitId=${provinceId}&from=${addDays('2026-01-05', 2)}&to=${lastDay}`;
      const drill = async (query: string) => {
        const response = await t.inject({ method: 'GET', url: `/api/v1/reports/dossiers?${scope}&${query}`, headers: { cookie } });
        assert.equal(response.statusCode, 200, response.body);
        return response.json();
      };
      const total = (await figuresOf(t, 'tinh.giamsat', scope)).total;
      for (const figure of DRILL_FIGURES) {
        const list = await drill(`figure=${figure}&limit=500`);
        assert.equal(list.total, total[figure], `${figure}: the list has as many dossiers as the number`);
        assert.equal(list.items.length, Math.min(500, total[figure]));
      }
      const byField = await figuresOf(t, 'tinh.giamsat', `${scope}&groupBy=field`);
      const row = byField.rows[0];
      const firstPage = await drill(`groupBy=field&group=${row.key}&figure=received&limit=3`);
      const secondPage = await drill(`groupBy=field&group=${row.key}&figure=received&limit=3&offset=3`);
      assert.equal(firstPage.total, row.figures.received);
      assert.ok(firstPage.items.every((d: { fieldName: string }) => d.fieldName === row.label.vi));
      const ids = new Set([...firstPage.items, ...secondPage.items].map((d: { id: string }) => d.id));
      assert.equal(ids.size, Math.min(6, row.figures.received), 'pages do not overlap');
      const byOfficer = await figuresOf(t, 'tinh.giamsat', `${scope}&groupBy=officer`);
      for (const officer of byOfficer.rows) assert.equal((await drill(`groupBy=officer&group=${officer.key}&figure=resolved&limit=1`)).total, officer.figures.resolved, `officer ${officer.label.vi}`);
      const csv = await t.inject({ method: 'GET', url: `/api/v1/reports/dossiers?${scope}&figure=resolvedLate&format=csv`, headers: { cookie } });
      assert.equal(csv.body.trim().split('\r\n').length, total.resolvedLate + 1);
      const missing = await t.inject({ method: 'GET', url: `/api/v1/reports/dossiers?${scope}&groupBy=field&figure=received`, headers: { cookie } });
      assert.equal(missing.json().error.code, 'REPORT_GROUP_REQUIRED');
    });

    it('ranks the desks by indicator 2.1 and gives the figures month by month', async () => {
      const t = testApp();
      const cookie = await t.login('tinh.giamsat');
      const ranking = (await t.inject({ method: 'GET', url: `/api/v1/reports/ranking?unitId=${provinceId}&from=2026-01-01&to=${lastDay}`, headers: { cookie } })).json();
      assert.ok(ranking.items.length >= 2);
      for (let i = 1; i < ranking.items.length; i++) {
        const [a, b] = [ranking.items[i - 1], ranking.items[i]];
        assert.ok(a.figures.indicator21 >= b.figures.indicator21, 'sorted by indicator 2.1');
        assert.ok(b.rank >= a.rank);
      }
      assert.equal(ranking.items[0].rank, 1);
      const whole = (await figuresOf(t, 'tinh.giamsat', `unitId=${provinceId}&from=2026-01-01&to=${lastDay}`)).total;
      const monthly = (await t.inject({ method: 'GET', url: `/api/v1/reports/monthly?unitId=${provinceId}&from=2026-01-01&to=${lastDay}`, headers: { cookie } })).json().items;
      assert.equal(monthly[0].month, '2026-01');
      assert.equal(monthly.reduce((n: number, m: { figures: { receivedOnline: number; receivedInPersonOrPostal: number } }) => n + m.figures.receivedOnline + m.figures.receivedInPersonOrPostal, 0), whole.receivedOnline + whole.receivedInPersonOrPostal);
      assert.equal(monthly.reduce((n: number, m: { figures: { resolved: number } }) => n + m.figures.resolved, 0), whole.resolved);
      assert.equal(monthly.at(-1).figures.inProgress, whole.inProgress, 'the last month closes where the period does');
    });

    it('lets leaders see their unit, supervisors their subtree, and nobody else', async () => {
      const t = testApp();
      const get = async (user: string, unitId: string) => (await t.inject({ method: 'GET', url: `/api/v1/reports/figures?unitId=${unitId}&period=2026`, headers: { cookie: await t.login(user) } })).statusCode;
      assert.equal(await get('candang.motcua', provinceId), 403);
      assert.equal(await get('candang.lanhdao', provinceId), 403);
      assert.equal(await get('tinh.giamsat', await unitIdByCode(t, '000.21.45.H01')), 200);
      assert.equal((await t.inject({ method: 'GET', url: `/api/v1/reports/figures?unitId=${provinceId}&period=2026` })).statusCode, 401);
      const bad = await t.inject({ method: 'GET', url: `/api/v1/reports/figures?unitId=${provinceId}&from=2026-03-01&to=2026-02-01`, headers: { cookie: await t.login('tinh.giamsat') } });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.code, 'REPORT_PERIOD_INVALID');
    });

    it('reconciles with the event log, and finds and rebuilds a corrupted counter (negative control)', async () => {
      const t = testApp();
      const maintenance = t.app.services.reportMaintenance;
      const clean = await maintenance.reconcile();
      assert.equal(clean.dossiers, 300);
      assert.deepEqual(clean.differences, []);
      // Test-only corruption: a raw update of one counter row, bypassing the dossier write path.
      await t.app.database.runInWriteTx((tx) => tx.updateTable('report_counters').set((eb) => ({ received: eb('received', '+', 1) })).where('grain', '=', 'm').where('received', '>', 0).where('bucket', '=', '2026-01').where('channel', '=', 1).execute());
      const corrupted = await maintenance.reconcile();
      assert.ok(corrupted.differences.length >= 1);
      assert.ok(corrupted.differences.every((d) => d.measure === 'received' && d.stored === d.fromEvents + 1));
      await maintenance.rebuild();
      assert.deepEqual((await maintenance.reconcile()).differences, []);
      assert.equal(await maintenance.fillIfMissing(), false, 'counters exist: nothing to fill');
      // A database from before the counters existed: dossiers, no counters — filled at start-up.
      await t.app.database.runInWriteTx((tx) => tx.deleteFrom('report_counters').execute());
      assert.equal(await maintenance.fillIfMissing(), true);
      assert.deepEqual((await maintenance.reconcile()).differences, []);
    });
  },
  { clock, env: { SESSION_TTL_HOURS: '720' } },
);
