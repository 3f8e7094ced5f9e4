// Event histories written straight through the dossiers repository (the same write path as every
// command, so the report counters follow), for tests that need tens of thousands of past dossiers:
// drafted → received → resolved (legacy resolution, with its timeliness) → returned.
import { randomUUID } from 'node:crypto';
import type { DossierEvent } from '../../src/dossiers/dossier-events.js';
import type { Channel, DossierState, ProcedureRef, Timeliness } from '../../src/dossiers/dossier.js';
import { bindRepositories } from '../../src/composition.js';
import { evolve } from '../../src/dossiers/evolve.js';
import type { TestApp } from './test-app.js';

export interface HistorySpec {
  readonly unitId: string;
  readonly procedure: ProcedureRef;
  readonly channel: Channel;
  readonly code: string;
  readonly receivedAt: string;
  readonly dueAt: string;
  /** Absent: still in progress. */
  readonly resolved?: { readonly at: string; readonly timeliness: Timeliness };
}

export function historyOf(spec: HistorySpec): { state: DossierState; events: DossierEvent[] } {
  const meta = { actorId: null, unitId: spec.unitId };
  const events: DossierEvent[] = [
    {
      type: 'drafted',
      channel: spec.channel,
      receivingUnitId: spec.unitId,
      procedure: spec.procedure,
      applicant: { kind: 'person', name: 'Nguyễn Văn Dân', idNumber: '001090000001' },
      subject: spec.procedure.name,
      components: [],
      resultDelivery: 'counter',
      imported: { source: 'seed-figures', fingerprint: spec.code },
      at: spec.receivedAt,
      ...meta,
    },
    { type: 'received', code: spec.code, receivedAt: spec.receivedAt, ruleSetId: null, definitionId: null, dueAt: spec.dueAt, explanation: null, components: [], tasks: [], at: spec.receivedAt, ...meta },
  ];
  if (spec.resolved) {
    events.push({ type: 'legacy_resolved', outcome: 'approved', note: null, timeliness: spec.resolved.timeliness, at: spec.resolved.at, ...meta });
    events.push({ type: 'result_returned', method: 'counter', note: null, timeliness: null, at: spec.resolved.at, ...meta });
  }
  const id = randomUUID();
  const state = events.reduce<DossierState | null>((s, e) => evolve(s, { ...e, dossierId: id }), null)!;
  return { state, events };
}

/** Writes the histories in transactions of `batch` dossiers. */
export async function insertHistories(t: TestApp, specs: readonly HistorySpec[], batch = 2000): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < specs.length; i += batch) {
    const histories = specs.slice(i, i + batch).map(historyOf);
    await t.app.database.runInWriteTx(async (tx) => {
      const repos = bindRepositories(tx, t.app.database.dialect);
      await repos.dossiers.insertMany(histories, now);
    });
  }
}
