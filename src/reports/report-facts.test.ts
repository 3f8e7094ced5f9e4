// What one dossier contributes, and the figures of one dossier over a period (each 0 or 1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { historyOf } from '../../test/support/report-histories.js';
import type { DossierState } from '../dossiers/dossier.js';
import { dossierFigures } from './report-drilldown.service.js';
import { contributionsOf, counterDeltas, legalDayOf } from './report-facts.js';

const ref = { code: '1.001193', caseCode: 'TH1', versionId: 'v1', name: 'Đăng ký khai sinh', caseName: 'TH1', fieldCode: 'HO_TICH', fieldName: 'Hộ tịch', timeLimit: { amount: 1, unit: 'working_days' as const }, noAppointmentDate: false, cutOff: null };
const received = historyOf({ unitId: 'u1', procedure: ref, channel: 'online', code: 'X-260105-0001', receivedAt: '2026-01-05T02:00:00.000Z', dueAt: '2026-01-09T09:00:00.000Z' }).state;

function paused(from: string): DossierState {
  return { ...received, status: 'supplement_requested', pauses: [{ kind: 'supplement', from, to: null, reason: 'thiếu giấy tờ', items: ['Tờ khai'] }] };
}

describe('report facts', () => {
  it('counts days in Vietnam (UTC+7)', () => {
    assert.equal(legalDayOf('2026-01-04T17:00:00.000Z'), '2026-01-05');
    assert.equal(legalDayOf('2026-01-04T16:59:59.999Z'), '2026-01-04');
    assert.equal(legalDayOf('2026-01-04T23:30:00+07:00'), '2026-01-04', 'an instant written with an offset');
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const expected = new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
        assert.equal(legalDayOf(date.toISOString()), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('is overdue after its appointment while nobody resolves it', () => {
    assert.equal(dossierFigures(received, '2026-01-01', '2026-01-09')!.inProgressOverdue, 1, 'due on the 9th: overdue at the end of the 9th');
    assert.equal(dossierFigures(received, '2026-01-01', '2026-01-08')!.inProgressOverdue, 0);
    assert.equal(dossierFigures(received, '2026-01-01', '2026-01-08')!.inProgressWithinTime, 1);
  });

  it('is not overdue while waiting for the applicant since before its appointment, and is if asked after it', () => {
    assert.equal(dossierFigures(paused('2026-01-06T02:00:00.000Z'), '2026-01-01', '2026-01-31')!.inProgressOverdue, 0);
    assert.equal(dossierFigures(paused('2026-01-06T02:00:00.000Z'), '2026-01-01', '2026-01-31')!.pausedSupplement, 1);
    assert.equal(dossierFigures(paused('2026-01-12T02:00:00.000Z'), '2026-01-01', '2026-01-31')!.inProgressOverdue, 1);
  });

  it('counts a late resolution as late, and as overdue until the day it ended', () => {
    const late = historyOf({ unitId: 'u1', procedure: ref, channel: 'in_person', code: 'X-260105-0002', receivedAt: '2026-01-05T02:00:00.000Z', dueAt: '2026-01-09T09:00:00.000Z', resolved: { at: '2026-01-13T03:00:00.000Z', timeliness: 'late' } }).state;
    assert.equal(dossierFigures(late, '2026-01-01', '2026-01-12')!.inProgressOverdue, 1);
    const january = dossierFigures(late, '2026-01-01', '2026-01-31')!;
    assert.deepEqual([january.resolvedLate, january.inProgress, january.receivedInPersonOrPostal], [1, 0, 1]);
    const february = dossierFigures(late, '2026-02-01', '2026-02-28')!;
    assert.deepEqual([february.received, february.carriedOver, february.resolved], [0, 0, 0], 'nothing left for February');
  });

  it('counts a withdrawal as resolved on time (the form’s note) and a cancelled dossier not at all', () => {
    const withdrawn: DossierState = { ...received, status: 'withdrawn', resolvedAt: '2026-01-06T02:00:00.000Z', closedReason: 'rút' };
    assert.equal(dossierFigures(withdrawn, '2026-01-01', '2026-01-31')!.resolvedOnTime, 1);
    assert.equal(dossierFigures(withdrawn, '2026-01-01', '2026-01-31')!.withdrawn, 1);
    const cancelled: DossierState = { ...received, status: 'cancelled' };
    assert.equal(contributionsOf(cancelled), null);
    const deltas = counterDeltas(received, cancelled);
    assert.ok(deltas.length > 0 && deltas.every((d) => Object.values(d.values).every((v) => v! < 0)), 'cancelling takes back what the dossier had added');
  });

  it('changes nothing when a command changes nothing the reports count', () => {
    const assigned: DossierState = { ...received, status: 'processing' };
    assert.deepEqual(counterDeltas(received, assigned), []);
    assert.deepEqual(counterDeltas(received, { ...received }), [], 'equal facts of two state objects');
  });

  it('moves the counts when only the key changes (same days and measures, another receiving officer)', () => {
    const other: DossierState = { ...received, receivedBy: 'another-officer' };
    const deltas = counterDeltas(received, other);
    assert.ok(deltas.some((d) => d.key.officerId === 'another-officer' && d.values.received === 1));
    assert.ok(deltas.some((d) => d.key.officerId === (received.receivedBy ?? '') && d.values.received === -1));
  });
});
