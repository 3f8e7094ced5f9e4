// The seed articles are reports; a correct system reproduces their figures exactly (DOMAIN.md, "What the
// seeds report"). Event histories matching each article are written through the dossiers repository —
// the same write path as every command, so the counters follow — and the report API must give the
// article's numbers back.
//   000: Châu Thành district's commune desks, first 9 months of 2019: 45,543 received; 36,613 early,
//        8,769 on time, 161 pending.
//   001: Tam Phước commune, first half of 2016: 2,090 received including 6 carried over; all resolved
//        early or on time, 106 early (civil status 68, land 24, social protection 14); none late.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { unitIdByCode } from '../../test/support/dossier-requests.js';
import { insertHistories, type HistorySpec } from '../../test/support/report-histories.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { seededRandom } from '../demo/dossier-generator.js';
import type { Channel, ProcedureRef, Timeliness } from '../dossiers/dossier.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Published commune-level procedures of some fields, as dossiers refer to them. */
async function procedureRefs(t: TestApp, fieldCodes: readonly string[]): Promise<Map<string, ProcedureRef[]>> {
  const rows = await t.app.database.reader
    .selectFrom('procedure_versions')
    .innerJoin('procedures', 'procedures.id', 'procedure_versions.procedure_id')
    .select(['procedure_versions.id as id', 'procedures.code as code', 'procedure_versions.name as name', 'procedure_versions.field_code as field_code', 'procedure_versions.field_name as field_name'])
    .where('procedure_versions.status', '=', 'published')
    .where('procedure_versions.effective_to', 'is', null)
    .where('procedure_versions.levels', 'like', '%,commune,%')
    .where('procedure_versions.field_code', 'in', [...fieldCodes])
    .orderBy('procedures.code')
    .execute();
  const refs = new Map<string, ProcedureRef[]>();
  for (const r of rows) {
    const ref: ProcedureRef = { code: r.code, caseCode: 'TH1', versionId: r.id, name: r.name, caseName: r.name, fieldCode: r.field_code, fieldName: r.field_name, timeLimit: { amount: 5, unit: 'working_days' }, noAppointmentDate: false, cutOff: null };
    refs.set(r.field_code, [...(refs.get(r.field_code) ?? []), ref]);
  }
  return refs;
}

/** Dossier codes <desk>-YYMMDD-NNNN, numbered per desk and day. */
function codes() {
  const serials = new Map<string, number>();
  return (deskCode: string, receivedAt: number) => {
    const day = new Date(receivedAt + 7 * HOUR).toISOString().slice(2, 10).replace(/-/g, '');
    const key = `${deskCode}-${day}`;
    const next = (serials.get(key) ?? 0) + 1;
    serials.set(key, next);
    return `${key}-${String(next).padStart(4, '0')}`;
  };
}

/** An office-hours instant (08:00–16:00 in Vietnam) on a random day in [from, to]. */
function receiptBetween(rand: () => number, from: string, to: string): number {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY);
  return Date.parse(`${from}T01:00:00Z`) + Math.floor(rand() * (days + 1)) * DAY + Math.floor(rand() * 8 * HOUR);
}

function spec(unit: { id: string; code: string }, procedure: ProcedureRef, channel: Channel, code: string, receivedAt: number, dueAt: number, resolved?: { at: number; timeliness: Timeliness }): HistorySpec {
  return {
    unitId: unit.id,
    procedure,
    channel,
    code,
    receivedAt: new Date(receivedAt).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    ...(resolved ? { resolved: { at: new Date(resolved.at).toISOString(), timeliness: resolved.timeliness } } : {}),
  };
}

async function report(t: TestApp, query: string) {
  const response = await t.inject({ method: 'GET', url: `/api/v1/reports/figures?${query}`, headers: { cookie: await t.login('admin') } });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

forEachDialect('the seed articles’ figures', (testApp) => {
  it('000: Châu Thành’s commune desks, first 9 months of 2019 — 45,543 received: 36,613 early, 8,769 on time, 161 pending', async () => {
    const t = testApp();
    const rand = seededRandom(2019);
    const desks = await Promise.all(['21', '22', '23', '24', '25'].map(async (nr) => ({ id: await unitIdByCode(t, `001.${nr}.45.H01`), code: `001.${nr}.45.H01` })));
    const procedures = [...(await procedureRefs(t, ['HO_TICH', 'CHUNG_THUC', 'DAT_DAI', 'BAO_TRO_XA_HOI'])).values()].flat();
    const code = codes();
    const specs: HistorySpec[] = [];
    const make = (count: number, kind: 'early' | 'on_time' | 'pending') => {
      for (let i = 0; i < count; i++) {
        const desk = desks[Math.floor(rand() * desks.length)]!;
        const procedure = procedures[Math.floor(rand() * procedures.length)]!;
        const channel: Channel = rand() < 0.1 ? 'online' : rand() < 0.05 ? 'postal' : 'in_person';
        const receivedAt = kind === 'pending' ? receiptBetween(rand, '2019-09-25', '2019-09-30') : receiptBetween(rand, '2019-01-02', '2019-09-20');
        const dueAt = kind === 'pending' ? Date.parse('2019-10-10T09:00:00Z') : receivedAt + 5 * DAY;
        const resolved = kind === 'early' ? { at: receivedAt + (1 + Math.floor(rand() * 3)) * DAY, timeliness: 'early' as const } : kind === 'on_time' ? { at: dueAt - HOUR, timeliness: 'on_time' as const } : undefined;
        specs.push(spec(desk, procedure, channel, code(desk.code, receivedAt), receivedAt, dueAt, resolved));
      }
    };
    make(36_613, 'early');
    make(8_769, 'on_time');
    make(161, 'pending');
    await insertHistories(t, specs);

    const district = await unitIdByCode(t, '000.00.45.H01');
    const body = await report(t, `unitId=${district}&period=2019-9M&groupBy=unit`);
    assert.deepEqual(
      { received: body.total.received, carriedOver: body.total.carriedOver, early: body.total.resolvedEarly, onTime: body.total.resolvedOnTime, late: body.total.resolvedLate, pending: body.total.inProgress, overdue: body.total.inProgressOverdue },
      { received: 45_543, carriedOver: 0, early: 36_613, onTime: 8_769, late: 0, pending: 161, overdue: 0 },
    );
    assert.equal(body.rows.length, 5, 'one row per commune desk');
    assert.equal(body.rows.reduce((n: number, r: { figures: { received: number } }) => n + r.figures.received, 0), 45_543);
  });

  it('001: Tam Phước commune, first half of 2016 — 2,090 received (6 carried over), 106 early (68 civil status, 24 land, 14 social protection), none late', async () => {
    const t = testApp();
    const rand = seededRandom(2016);
    const admin = await t.login('admin');
    const create = async (body: object) => {
      const response = await t.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: admin }, payload: { validFrom: '2008-08-01', ...body } });
      assert.equal(response.statusCode, 201, response.body);
      return response.json().id as string;
    };
    const province = await create({ code: '000.00.00.H02', name: 'Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu', type: 'province' });
    const districtId = await create({ code: '000.00.12.H02', name: 'Ủy ban nhân dân huyện Long Điền', type: 'district', parentId: province });
    const commune = await create({ code: '000.05.12.H02', name: 'Ủy ban nhân dân xã Tam Phước', type: 'commune', parentId: districtId });
    const desk = { id: await create({ code: '001.05.12.H02', name: 'Bộ phận Tiếp nhận và Trả kết quả xã Tam Phước', type: 'one_stop_desk', parentId: commune }), code: '001.05.12.H02' };
    const refs = await procedureRefs(t, ['HO_TICH', 'CHUNG_THUC', 'DAT_DAI', 'BAO_TRO_XA_HOI']);
    const pick = (field: string) => refs.get(field)![Math.floor(rand() * refs.get(field)!.length)]!;
    const code = codes();
    const specs: HistorySpec[] = [];
    const add = (field: string, timeliness: Timeliness, from: string, to: string) => {
      const receivedAt = receiptBetween(rand, from, to);
      const dueAt = receivedAt + 5 * DAY;
      const at = timeliness === 'early' ? receivedAt + 2 * DAY : dueAt - HOUR;
      specs.push(spec(desk, pick(field), 'in_person', code(desk.code, receivedAt), receivedAt, dueAt, { at, timeliness }));
    };
    for (let i = 0; i < 6; i++) add('HO_TICH', 'on_time', '2015-12-28', '2015-12-31'); // resolved in January: carried over
    for (const [field, n] of [['HO_TICH', 68], ['DAT_DAI', 24], ['BAO_TRO_XA_HOI', 14]] as const) for (let i = 0; i < n; i++) add(field, 'early', '2016-01-04', '2016-06-20');
    const onTimeFields = ['HO_TICH', 'CHUNG_THUC', 'CHUNG_THUC', 'DAT_DAI', 'BAO_TRO_XA_HOI'];
    for (let i = 0; i < 2_090 - 6 - 106; i++) add(onTimeFields[Math.floor(rand() * onTimeFields.length)]!, 'on_time', '2016-01-04', '2016-06-20');
    await insertHistories(t, specs);

    const body = await report(t, `unitId=${commune}&period=2016-6M&groupBy=field`);
    assert.deepEqual(
      { received: body.total.received, carriedOver: body.total.carriedOver, resolved: body.total.resolved, early: body.total.resolvedEarly, onTime: body.total.resolvedOnTime, late: body.total.resolvedLate, pending: body.total.inProgress },
      { received: 2_090, carriedOver: 6, resolved: 2_090, early: 106, onTime: 1_984, late: 0, pending: 0 },
    );
    assert.equal(body.total.onTimeRate, 100);
    const earlyByField = Object.fromEntries(body.rows.filter((r: { figures: { resolvedEarly: number } }) => r.figures.resolvedEarly > 0).map((r: { key: string; figures: { resolvedEarly: number } }) => [r.key, r.figures.resolvedEarly]));
    assert.deepEqual(earlyByField, { HO_TICH: 68, DAT_DAI: 24, BAO_TRO_XA_HOI: 14 });
    const december = await report(t, `unitId=${commune}&from=2015-12-01&to=2015-12-31`);
    assert.equal(december.total.inProgress, 6, 'the 6 carried over were in progress at the end of 2015');
  });
});
