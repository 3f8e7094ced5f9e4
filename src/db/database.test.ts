import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTestDatabase, DIALECTS, testConfig, type TestDatabase } from '../../test/support/test-app.js';
import { loadConfig } from '../config/config.js';
import type { Database } from './database.js';
import { DurabilityError, openDatabase } from './open-database.js';
import { pendingMigrations } from './migrate.js';
import { SqliteDatabase } from './sqlite-database.js';

const run = promisify(execFile);

function auditRow(entityId: string) {
  return { occurred_at: new Date().toISOString(), actor_user_id: null, action: 'test', entity_type: 'test', entity_id: entityId, request_id: null, details: '{}' };
}

async function count(db: Database, entityId?: string): Promise<number> {
  let query = db.reader.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (entityId) query = query.where('entity_id', '=', entityId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

for (const dialect of DIALECTS) {
  describe(`the single write path [${dialect}]`, () => {
    let target: TestDatabase;
    let db: Database;
    before(async () => {
      target = await createTestDatabase(dialect);
      db = await openDatabase(testConfig(target.url));
    });
    after(async () => {
      await db.close();
      await target.drop();
    });

    it('reads one consistent snapshot in runInReadSnapshot, whatever commits meanwhile', async () => {
      const entity = `snapshot-${dialect}`;
      await db.runInWriteTx((tx) => tx.insertInto('audit_log').values(auditRow(entity)).execute());
      let concurrent: Promise<unknown> | undefined;
      const seen = await db.runInReadSnapshot(async (tx) => {
        const countIn = async () => Number((await tx.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('entity_id', '=', entity).executeTakeFirstOrThrow()).n);
        const first = await countIn();
        // A writer commits while the snapshot is open on PostgreSQL; on SQLite it waits for the snapshot to end.
        concurrent = db.runInWriteTx((tx2) => tx2.insertInto('audit_log').values(auditRow(entity)).execute());
        if (dialect === 'postgres') await concurrent;
        return [first, await countIn()];
      });
      await concurrent;
      assert.deepEqual(seen, [1, 1], 'the snapshot does not see the concurrent commit');
      assert.equal(await count(db, entity), 2, 'the concurrent write committed');
    });

    it('commits what the function wrote and returns its value', async () => {
      const value = await db.runInWriteTx(async (tx) => {
        await tx.insertInto('audit_log').values(auditRow('commit-1')).execute();
        return 42;
      });
      assert.equal(value, 42);
      assert.equal(await count(db, 'commit-1'), 1);
    });

    it('rolls back everything the function wrote when it throws, and rethrows', async () => {
      await assert.rejects(
        db.runInWriteTx(async (tx) => {
          await tx.insertInto('audit_log').values(auditRow('rollback-1')).execute();
          throw new Error('business rule failed');
        }),
        /business rule failed/,
      );
      assert.equal(await count(db, 'rollback-1'), 0);
    });

    it('isolates a failing transaction from the others running at the same moment', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          db.runInWriteTx(async (tx) => {
            await tx.insertInto('audit_log').values(auditRow(`batch-${i}`)).execute();
            if (i % 7 === 0) throw new Error(`fail ${i}`);
            return i;
          }),
        ),
      );
      const failed = results.filter((r) => r.status === 'rejected').length;
      assert.equal(failed, Math.ceil(200 / 7));
      const stored = await db.reader.selectFrom('audit_log').select('entity_id').where('entity_id', 'like', 'batch-%').execute();
      assert.equal(stored.length, 200 - failed);
      assert.ok(stored.every((r) => Number(r.entity_id.slice(6)) % 7 !== 0));
    });

    it('reports migrations as current', async () => {
      assert.deepEqual(await pendingMigrations(db.reader, db.dialect), []);
    });
  });

  describe(`migrations at start-up [${dialect}]`, () => {
    it('are safe when several instances start together on the same empty database', async () => {
      const target = await createTestDatabase(dialect);
      try {
        const script = path.resolve('test/support/migrate-once.ts');
        const runs = await Promise.all([1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', script, target.url], { env: { ...process.env } })));
        assert.deepEqual(runs.map((r) => r.stdout.trim()), ['migrated', 'migrated', 'migrated']);
        const db = await openDatabase(testConfig(target.url), { migrate: false });
        try {
          assert.deepEqual(await pendingMigrations(db.reader, db.dialect), []);
          const tables = await db.reader.introspection.getTables();
          assert.ok(tables.some((t) => t.name === 'units'));
        } finally {
          await db.close();
        }
      } finally {
        await target.drop();
      }
    });
  });
}

describe('durability in production', () => {
  it('refuses SQLite with synchronous below FULL', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'sqlite:./data/x.db', SQLITE_SYNCHRONOUS: 'NORMAL' }), /SQLITE_SYNCHRONOUS=NORMAL is refused in production/);
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'sqlite:./data/x.db' });
    assert.equal(config.database.dialect === 'sqlite' && config.database.synchronous, 'FULL');
  });

  it('runs SQLite with WAL and durable commits by default: FULL kept by fsyncing the WAL off the event loop', async () => {
    const target = await createTestDatabase('sqlite');
    const db = (await openDatabase(testConfig(target.url))) as SqliteDatabase;
    try {
      assert.equal(db.synchronousLevel(), 1, 'the connection itself at NORMAL');
      assert.equal(db.writerSetting('temp_store'), 2, "savepoints' sub-journals in memory, not in temporary files");
      assert.ok(db.durableCommits());
      const before = db.walSyncs()!;
      await db.runInWriteTx(async () => null);
      assert.ok(db.walSyncs()! > before, 'the write was answered after an fsync of the WAL');
    } finally {
      await db.close();
      await target.drop();
    }
  });

  it('refuses PostgreSQL with synchronous_commit off', async () => {
    const target = await createTestDatabase('postgres');
    const name = new URL(target.url).pathname.slice(1);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query(`alter database ${name} set synchronous_commit = off`);
    await client.end();
    try {
      await assert.rejects(openDatabase(testConfig(target.url, { NODE_ENV: 'production' })), DurabilityError);
      const db = await openDatabase(testConfig(target.url, { NODE_ENV: 'test' }));
      await db.close();
    } finally {
      await target.drop();
    }
  });
});
