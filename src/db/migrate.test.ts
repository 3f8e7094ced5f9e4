// Migrations on PostgreSQL take only a transaction-scoped advisory lock, inside the one transaction that runs
// them: through PgBouncer's transaction pooling a session lock and its unlock could run on different server
// connections and leave the lock behind (docs/deployment.md). Checked on the statements actually sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kysely, sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-app.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { createPostgresPool, MotcuaPostgresDialect } from './postgres-database.js';

describe('migrations on PostgreSQL lock per transaction', () => {
  let target: TestDatabase;
  before(async () => {
    target = await createTestDatabase('postgres');
  });
  after(async () => target.drop());

  it('run in one transaction holding pg_advisory_xact_lock, and no session lock is taken or left', async () => {
    const statements: string[] = [];
    const db = new Kysely<any>({
      dialect: new MotcuaPostgresDialect({ pool: createPostgresPool({ dialect: 'postgres', url: target.url, poolMax: 3, poolWaitMaxMs: 0, poolMaxWaiting: 1000 }) }),
      log: (event) => void statements.push(event.query.sql.replace(/\s+/g, ' ').trim().toLowerCase()),
    });
    try {
      const result = await migrateToLatest(db, 'postgres');
      assert.ok((result.results ?? []).length > 0, 'the migrations ran');
      assert.equal(statements[0], 'begin');
      assert.match(statements[1]!, /^select pg_advisory_xact_lock\(\d+\)$/);
      assert.equal(statements.at(-1), 'commit');
      assert.deepEqual(statements.filter((s) => /pg_advisory_(lock|unlock)|pg_try_advisory_lock/.test(s)), [], 'no session-level lock');
      assert.equal(statements.filter((s) => s === 'begin' || s === 'commit').length, 2, 'one transaction for every migration');
      assert.deepEqual(await pendingMigrations(db, 'postgres'), []);
      // pg_locks spans the cluster, where other test files migrate their own databases at the same moment (each
      // holding the same transaction lock key for an instant): count only this database's advisory locks.
      const held = await sql<{ n: number }>`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`.execute(db);
      assert.equal(held.rows[0]!.n, 0, 'no advisory lock outlives the migration');

      statements.length = 0;
      await migrateToLatest(db, 'postgres'); // nothing pending: still one short locked transaction
      assert.equal(statements[0], 'begin');
      assert.equal(statements.at(-1), 'commit');
    } finally {
      await db.destroy();
    }
  });
});
