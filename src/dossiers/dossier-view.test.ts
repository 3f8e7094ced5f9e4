// dossierView is built field by field (for speed): it must show exactly what spreading the state and adding the
// labels showed — every field of the state, the three labels, and the extra fields of a staff view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyOf } from '../../test/support/report-histories.js';
import { dossierView, nationalChannelOf, nationalStatusOf, STATUS_LABELS, type DossierState } from './dossier.js';

const ref = { code: '1.001193', caseCode: 'TH1', versionId: 'v1', name: 'Đăng ký khai sinh', caseName: 'Đăng ký khai sinh', fieldCode: 'HO_TICH', fieldName: 'Hộ tịch', timeLimit: { amount: 1, unit: 'working_days' as const }, noAppointmentDate: false, cutOff: null };

function bySpreading<S extends DossierState>(state: S) {
  return { ...state, statusLabel: STATUS_LABELS[state.status], nationalStatus: nationalStatusOf(state.status), nationalChannel: nationalChannelOf(state.channel) };
}

describe('dossierView', () => {
  it('shows every field of the state and the labels, as spreading did', () => {
    const states = [
      historyOf({ unitId: 'u1', procedure: ref, channel: 'online', code: 'X-260105-0001', receivedAt: '2026-01-05T02:00:00.000Z', dueAt: '2026-01-09T09:00:00.000Z' }).state,
      historyOf({ unitId: 'u1', procedure: ref, channel: 'postal', code: 'X-260105-0002', receivedAt: '2026-01-05T02:00:00.000Z', dueAt: '2026-01-09T09:00:00.000Z', resolved: { at: '2026-01-13T03:00:00.000Z', timeliness: 'late' } }).state,
    ];
    for (const state of states) assert.deepEqual(JSON.parse(JSON.stringify(dossierView(state))), JSON.parse(JSON.stringify(bySpreading(state))));
  });

  it('keeps the fields a staff view adds to the state', () => {
    const state = historyOf({ unitId: 'u1', procedure: ref, channel: 'in_person', code: 'X-260105-0003', receivedAt: '2026-01-05T02:00:00.000Z', dueAt: '2026-01-09T09:00:00.000Z' }).state;
    const staff = { ...state, isAtRisk: true, permissions: ['return'] };
    const view = dossierView(staff);
    assert.equal(view.isAtRisk, true);
    assert.deepEqual(view.permissions, ['return']);
    assert.deepEqual(JSON.parse(JSON.stringify(view)), JSON.parse(JSON.stringify(bySpreading(staff))));
  });
});
