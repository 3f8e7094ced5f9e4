// Verification at volume: a few hundred random dossiers walked through the real services on both
// databases, every status and every event type reached, the projection equal to the fold of the events
// — and a corrupted projection row caught (negative control). The same seed gives the same walk on both.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDialect } from '../../test/support/test-app.js';
import type { DossierEventType } from '../dossiers/dossier-events.js';
import { DOSSIER_STATUSES } from '../dossiers/dossier.js';
import { generateDossiers, steppingClock, type GenerationReport } from './dossier-generator.js';

/** Every event type (the Record makes the compiler refuse a list that misses one). */
const EVENT_TYPES = Object.keys({
  drafted: 1,
  draft_updated: 1,
  submitted: 1,
  received: 1,
  returned_for_completion: 1,
  refused_at_receipt: 1,
  task_assigned: 1,
  task_completed: 1,
  task_sent_back: 1,
  consultation_requested: 1,
  consultation_answered: 1,
  supplement_requested: 1,
  payment_requested: 1,
  pause_ended: 1,
  decision_recorded: 1,
  apology_issued: 1,
  result_returned: 1,
  early_return_notified: 1,
  stopped: 1,
  withdrawn: 1,
  cancelled: 1,
} satisfies Record<Exclude<DossierEventType, 'legacy_resolved'>, 1>).sort(); // legacy_resolved comes only from historical imports

const START = '2026-01-05T01:00:00.000Z'; // Monday 05/01/2026 08:00 in Vietnam
const clock = steppingClock(START);
const reports: GenerationReport[] = [];

forEachDialect(
  'random dossiers through the real services',
  (testApp) => {
    it('reaches every status and event type, and verify finds the projection equal to the events', async () => {
      const t = testApp();
      clock.set(new Date(START));
      const report = await generateDossiers(t.app.services, { count: 250, seed: 20260105, clock });
      assert.equal(report.created, 250);
      assert.deepEqual(report.rejected, {}, 'the walk only tries what the state allows');
      reports.push(report);

      const db = t.app.database.reader;
      const statuses = (await db.selectFrom('dossiers').select('status').distinct().execute()).map((r) => r.status).sort();
      assert.deepEqual(statuses, [...DOSSIER_STATUSES].sort(), 'dossiers are left in every status');
      const types = (await db.selectFrom('dossier_events').select('type').distinct().execute()).map((r) => r.type).sort();
      assert.deepEqual(types, EVENT_TYPES);
      const parallel = await db.selectFrom('dossier_tasks').select('dossier_id').where('step_key', '=', 'tax-assess').where('status', '=', 'done').limit(1).execute();
      assert.equal(parallel.length, 1, 'a land-and-tax dossier went through both parallel branches');

      const verified = await t.app.services.dossierVerify.verifyAll({ batchSize: 64 });
      assert.ok(verified.checked >= 250);
      assert.deepEqual(verified.mismatches, []);
    });

    it('gives the same walk for the same seed (on either database)', () => {
      if (reports.length < 2) return; // the first dialect's run is the reference
      assert.deepEqual(reports[1]!.moves, reports[0]!.moves);
      assert.deepEqual(reports[1]!.statuses, reports[0]!.statuses);
      assert.equal(reports[1]!.to, reports[0]!.to);
    });

    it('reports a projection row that no longer matches its events (negative control)', async () => {
      const t = testApp();
      const victim = await t.app.database.reader.selectFrom('dossiers').select(['id', 'status']).where('status', '=', 'processing').limit(1).executeTakeFirstOrThrow();
      // Test-only corruption: a raw update of the projection, bypassing the event store.
      await t.app.database.runInWriteTx((tx) => tx.updateTable('dossiers').set({ status: 'returned' }).where('id', '=', victim.id).execute());
      const report = await t.app.services.dossierVerify.verifyAll();
      assert.equal(report.mismatches.length, 1);
      assert.equal(report.mismatches[0]!.dossierId, victim.id);
      assert.ok(report.mismatches[0]!.differences.some((d) => d.startsWith('column status')), report.mismatches[0]!.differences.join('; '));
    });

    it('reports a unit missing from the rows the staff search reads (negative control)', async () => {
      const t = testApp();
      const tax = await t.app.database.reader.selectFrom('dossier_tasks').select(['dossier_id', 'unit_id']).where('step_key', '=', 'tax-assess').limit(1).executeTakeFirstOrThrow();
      // Test-only corruption: the tax office no longer finds a dossier it worked on.
      await t.app.database.runInWriteTx((tx) => tx.deleteFrom('dossier_units').where('dossier_id', '=', tax.dossier_id).where('unit_id', '=', tax.unit_id).execute());
      const report = await t.app.services.dossierVerify.verifyAll();
      const found = report.mismatches.find((m) => m.dossierId === tax.dossier_id);
      assert.ok(found?.differences.some((d) => d.startsWith('dossier units')), JSON.stringify(report.mismatches));
    });
  },
  { clock },
);
