// WalCheckpointer: a worker thread copies the WAL into the database file once it passes its size, while the
// writer keeps writing; nothing committed is lost, and the WAL is reused once a checkpoint has copied it all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite from 'better-sqlite3';
import { WalCheckpointer } from './wal-checkpointer.js';

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('WalCheckpointer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-checkpoint-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('checkpoints in the background once the WAL passes its size, and every committed row survives', async () => {
    const file = path.join(dir, 'a.db');
    const writer = new BetterSqlite(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0'); // only the worker checkpoints here
    writer.exec('create table t (id integer primary key, body text not null)');
    const checkpointer = new WalCheckpointer(file, { atBytes: 256 * 1024, pollMs: 5 });
    const insert = writer.prepare('insert into t (body) values (?)');
    const body = 'x'.repeat(2000);
    let rows = 0;
    // Batches with a pause between them, as the group-commit writer makes: the worker checkpoints meanwhile.
    for (let batch = 0; batch < 40; batch++) {
      writer.transaction(() => {
        for (let i = 0; i < 50; i++) insert.run(body);
      })();
      rows += 50;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await until(() => checkpointer.stats.checkpoints > 0, 'a checkpoint');
    assert.equal(checkpointer.stats.lastError, null);
    assert.ok(checkpointer.stats.pagesCopied > 0, 'pages were copied into the database file');
    // 4 MB were written; with the WAL reused after full checkpoints it stays far smaller.
    await until(() => {
      writer.transaction(() => insert.run(body))();
      rows++;
      return fs.statSync(`${file}-wal`).size < 4 * 1024 * 1024;
    }, 'the WAL to be reused');
    await checkpointer.close();
    writer.close();
    const reopened = new BetterSqlite(file, { readonly: true });
    assert.equal((reopened.prepare('select count(*) as n from t').get() as { n: number }).n, rows);
    assert.equal(reopened.pragma('integrity_check', { simple: true }), 'ok');
    reopened.close();
  });

  it('stops cleanly when nothing was ever written', async () => {
    const file = path.join(dir, 'b.db');
    const writer = new BetterSqlite(file);
    writer.pragma('journal_mode = WAL');
    const checkpointer = new WalCheckpointer(file);
    await checkpointer.close();
    assert.equal(checkpointer.stats.checkpoints, 0);
    writer.close();
  });
});
