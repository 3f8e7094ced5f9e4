// WalSync: a commit is answered only after an fsync that began after it; fsyncs are coalesced; a failed
// fsync fails every unanswered and later commit. And the group-commit writer answers a batch only when its
// `durable` hook resolves, while the next batch runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/support/test-app.js';
import { GroupCommitWriter } from './group-commit-writer.js';
import { openDatabase } from './open-database.js';
import type { SqliteDatabase } from './sqlite-database.js';
import { WalSync } from './wal-sync.js';

describe('WalSync', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-walsync-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers every commit after an fsync that began after it, coalescing commits into few fsyncs', async () => {
    const file = path.join(dir, 'a.db-wal');
    fs.writeFileSync(file, 'frames');
    const sync = new WalSync(file);
    await Promise.all(Array.from({ length: 50 }, () => sync.afterCommit()));
    assert.ok(sync.syncs >= 1 && sync.syncs <= 3, `50 commits in one turn take at most a few fsyncs, got ${sync.syncs}`);
    const before = sync.syncs;
    await sync.afterCommit();
    assert.equal(sync.syncs, before + 1, 'a later commit waits for a new fsync');
    sync.close();
  });

  it('starts an fsync at once for a commit made while another runs (two at most), and answers by whichever ends', async () => {
    const file = path.join(dir, 'b.db-wal');
    fs.writeFileSync(file, 'frames');
    const pending: Array<(error: NodeJS.ErrnoException | null) => void> = [];
    const realFsync = fs.fsync;
    fs.fsync = ((_fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => pending.push(callback)) as unknown as typeof fs.fsync;
    try {
      const sync = new WalSync(file);
      const answered: number[] = [];
      const commit = (n: number) => void sync.afterCommit().then(() => answered.push(n));
      const settle = () => new Promise((resolve) => setImmediate(resolve));
      commit(1);
      commit(2);
      commit(3);
      assert.equal(pending.length, 2, 'commit 2 did not wait for the fsync of commit 1 to end; commit 3 waits (two at most)');
      pending[1]!(null); // the fsync begun after commit 2 ends first: commits 1 and 2 are on disk
      await settle();
      assert.deepEqual(answered.sort(), [1, 2]);
      assert.equal(pending.length, 3, 'commit 3 gets its fsync as soon as one ends');
      pending[0]!(null); // the older one ending later changes nothing
      await settle();
      assert.deepEqual(answered.sort(), [1, 2]);
      pending[2]!(null);
      await settle();
      assert.deepEqual(answered.sort(), [1, 2, 3]);
      assert.equal(sync.syncs, 3);
      sync.close();
    } finally {
      fs.fsync = realFsync;
    }
  });

  it('fails the waiting commits and every later one when an fsync fails', async () => {
    const sync = new WalSync(path.join(dir, 'missing', 'x.db-wal'));
    await assert.rejects(sync.afterCommit(), /ENOENT/);
    await assert.rejects(sync.afterCommit(), /ENOENT/, 'no later commit is promised durable');
    assert.ok(sync.failed);
  });
});

describe('group commit with a durability hook', () => {
  let target: TestDatabase;
  let db: SqliteDatabase;
  before(async () => {
    target = await createTestDatabase('sqlite');
    db = (await openDatabase(testConfig(target.url))) as SqliteDatabase;
  });
  after(async () => {
    await db.close();
    await target.drop();
  });

  const row = (entityId: string) => ({ occurred_at: new Date().toISOString(), actor_user_id: null, action: 'test', entity_type: 'test', entity_id: entityId, request_id: null, details: '{}' });

  it('answers a batch only when its commit is durable, runs the next batch meanwhile, and fails it when durability fails', async () => {
    const hooks: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
    const writer = new GroupCommitWriter(db.writerKysely, () => false, {
      maxBatchSize: 100,
      maxBatchMs: 100,
      durable: () => new Promise<void>((resolve, reject) => hooks.push({ resolve, reject })),
    });
    let firstAnswered = false;
    const first = writer.run((tx) => tx.insertInto('audit_log').values(row('durable-1')).execute()).then(() => (firstAnswered = true));
    while (hooks.length < 1) await new Promise((resolve) => setImmediate(resolve));
    const stored = await db.reader.selectFrom('audit_log').select('entity_id').where('entity_id', '=', 'durable-1').execute();
    assert.equal(stored.length, 1, 'committed');
    assert.equal(firstAnswered, false, 'but not answered before it is durable');
    // The next batch commits while the first one waits for its fsync.
    const second = writer.run((tx) => tx.insertInto('audit_log').values(row('durable-2')).execute());
    while (hooks.length < 2) await new Promise((resolve) => setImmediate(resolve));
    hooks[0]!.resolve();
    await first;
    hooks[1]!.reject(new Error('EIO'));
    await assert.rejects(second, /EIO/);
    // A writer whose disk failed takes no more writes at all.
    const broken = new GroupCommitWriter(db.writerKysely, () => false, { maxBatchSize: 10, maxBatchMs: 10, broken: () => new Error('EIO earlier') });
    let ran = false;
    await assert.rejects(broken.run(async () => (ran = true)), /EIO earlier/);
    assert.equal(ran, false);
    const drained = writer.drain();
    await drained;
  });
});
