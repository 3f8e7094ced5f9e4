import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/support/test-app.js';
import { AppError } from '../errors/app-error.js';
import { BatchRolledBackError } from './group-commit-writer.js';
import { openDatabase } from './open-database.js';
import type { SqliteDatabase } from './sqlite-database.js';

function auditRow(entityId: string) {
  return { occurred_at: new Date().toISOString(), actor_user_id: null, action: 'test', entity_type: 'test', entity_id: entityId, request_id: null, details: '{}' };
}

describe('SQLite group commit', () => {
  let target: TestDatabase;
  let db: SqliteDatabase;
  before(async () => {
    target = await createTestDatabase('sqlite');
    db = (await openDatabase(testConfig(target.url, { SQLITE_WRITE_BATCH_MAX: '50' }))) as SqliteDatabase;
  });
  after(async () => {
    await db.close();
    await target.drop();
  });

  const stored = async (prefix: string) =>
    (await db.reader.selectFrom('audit_log').select('entity_id').where('entity_id', 'like', `${prefix}%`).execute()).map((r) => r.entity_id).sort();

  it('commits the writes of one event-loop turn together, capped by the batch size', async () => {
    const before = db.writerStats();
    await Promise.all(Array.from({ length: 200 }, (_, i) => db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow(`group-${i}`)).execute())));
    const stats = db.writerStats();
    const batches = stats.committedBatches - before.committedBatches;
    assert.equal(stats.committedWrites - before.committedWrites, 200);
    assert.ok(batches >= 4, `the cap of 50 splits 200 writes into at least 4 batches, got ${batches}`);
    assert.ok(batches <= 10, `200 concurrent writes share physical transactions, got ${batches}`);
    assert.equal((await stored('group-')).length, 200);
  });

  it('answers a caller only once its write is committed and visible to readers', async () => {
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow(`visible-${i}`)).execute()).then(() => stored(`visible-${i}`)),
      ),
    );
    assert.ok(seen.every((rows, i) => rows.includes(`visible-${i}`)));
  });

  it('fails every caller of a batch that SQLite rolled back whole, and keeps none of its writes', async () => {
    const before = db.writerStats();
    const writes = Array.from({ length: 10 }, (_, i) =>
      db.runInWriteTx(async (tx) => {
        await tx.insertInto('audit_log').values(auditRow(`lost-${i}`)).execute();
        // Stands for SQLITE_FULL / IOERR: the engine ends the whole physical transaction.
        if (i === 5) await sql`rollback`.execute(tx);
      }),
    );
    const results = await Promise.allSettled(writes);
    const firstFive = results.slice(0, 6);
    assert.ok(firstFive.every((r) => r.status === 'rejected'), 'callers before and at the failure are all told');
    assert.ok(results.slice(0, 5).every((r) => r.status === 'rejected' && r.reason instanceof BatchRolledBackError));
    const kept = await stored('lost-');
    assert.ok(kept.every((id) => Number(id.slice(5)) > 5), `only writes after the lost batch may be kept, got ${kept.join(',')}`);
    assert.deepEqual(
      results.map((r, i) => (r.status === 'fulfilled' ? `lost-${i}` : undefined)).filter(Boolean).sort(),
      kept,
      'a caller is answered success exactly when its write is stored',
    );
    assert.equal(db.writerStats().lostBatches - before.lostBatches, 1);
  });

  it('fails every caller of a batch whose COMMIT fails', async () => {
    const writes = Array.from({ length: 5 }, (_, i) =>
      db.runInWriteTx(async (tx) => {
        await tx.insertInto('audit_log').values(auditRow(`commitfail-${i}`)).execute();
        if (i === 2) {
          // A deferred foreign-key violation makes COMMIT itself fail.
          await sql`pragma defer_foreign_keys = on`.execute(tx);
          await tx.insertInto('unit_parent_links').values({ id: 'x', unit_id: 'missing', parent_id: 'missing', valid_from: '2026-01-01', valid_to: null }).execute();
        }
      }),
    );
    const results = await Promise.allSettled(writes);
    assert.ok(results.every((r) => r.status === 'rejected'), 'nobody is told success');
    assert.deepEqual(await stored('commitfail-'), []);
    await db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow('after-commitfail')).execute());
    assert.deepEqual(await stored('after-commitfail'), ['after-commitfail'], 'the writer keeps working');
  });

  it('never lets a reader write: the read connection is read-only', async () => {
    await assert.rejects(db.reader.insertInto('audit_log').values(auditRow('reader')).execute(), /readonly/);
  });
});

describe('SQLite write admission: overload is refused at once, never queued', () => {
  let target: TestDatabase;
  let db: SqliteDatabase;
  before(async () => {
    target = await createTestDatabase('sqlite');
    db = (await openDatabase(testConfig(target.url, { SQLITE_WRITE_QUEUE_MAX: '10', SQLITE_WRITE_QUEUE_MAX_AGE_MS: '50' }))) as SqliteDatabase;
  });
  after(async () => {
    await db.close();
    await target.drop();
  });

  const stored = async (prefix: string) =>
    (await db.reader.selectFrom('audit_log').select('entity_id').where('entity_id', 'like', `${prefix}%`).execute()).map((r) => r.entity_id).sort();
  const isOverloaded = (reason: unknown) => reason instanceof AppError && reason.code === 'SERVICE_OVERLOADED';

  it('refuses writes beyond the queue depth with SERVICE_OVERLOADED; every accepted one is stored, no refused one', async () => {
    const before = db.writerStats();
    const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow(`depth-${i}`)).execute())));
    const accepted = results.flatMap((r, i) => (r.status === 'fulfilled' ? [`depth-${i}`] : []));
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(accepted.length, 10, 'the ten that fit in the queue are committed');
    assert.ok(refused.every((r) => isOverloaded(r.reason)), 'every other one is refused as overload');
    assert.deepEqual(await stored('depth-'), accepted.sort());
    assert.equal(db.writerStats().refusedWrites - before.refusedWrites, 90);
    await db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow('depth-after')).execute());
    assert.deepEqual(await stored('depth-after'), ['depth-after'], 'the writer takes writes again once the queue has drained');
  });

  it('refuses new writes while the oldest waiting one is older than the limit, and serves the waiting ones', async () => {
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    // A write that holds the writer (stands for a long transaction), and one waiting behind it.
    const long = db.runInWriteTx(async (tx) => {
      await tx.insertInto('audit_log').values(auditRow('age-long')).execute();
      await holding;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow('age-waiting')).execute());
    await new Promise((resolve) => setTimeout(resolve, 120));
    await assert.rejects(db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow('age-refused')).execute()), isOverloaded);
    release();
    await long;
    await waiting;
    assert.deepEqual(await stored('age-'), ['age-long', 'age-waiting']);
  });
});
