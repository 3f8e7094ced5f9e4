// Two MotCua processes on one PostgreSQL database — directly, and through PgBouncer in transaction mode:
// they start together on an empty database and migrate and seed it once; a session made on one node works on
// the other and a logout on either ends it on both; intakes on both nodes at once get unique, gap-free codes.
// This holds because the nodes keep no state of their own: sessions, code counters and locks are in the
// database, and the only locks are transaction-scoped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { migrations } from '../src/migrations/index.js';
import { intake, Ledger, prepareTarget } from './crash/crash-harness.js';
import { codeProblems } from './support/dossier-codes.js';
import { startPgBouncer, type PgBouncer } from './support/pgbouncer.js';
import { signIn, startServerProcess, type ServerProcess } from './support/server-process.js';
import { createTestDatabase, postgresAdminUrl, type TestDatabase } from './support/test-app.js';

const INTAKES_PER_NODE = 25;

async function status(url: string, cookie: string, method = 'GET'): Promise<number> {
  const response = await fetch(url, { method, headers: { cookie } });
  await response.arrayBuffer();
  return response.status;
}

for (const mode of ['direct', 'pgbouncer'] as const) {
  describe(`two nodes on one PostgreSQL (${mode})`, { concurrency: false }, () => {
    let database: TestDatabase | undefined;
    let bouncer: PgBouncer | undefined;
    let nodes: ServerProcess[] = [];
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-nodes-files-'));
    after(async () => {
      await Promise.all(nodes.map((node) => node.stop()));
      await bouncer?.stop();
      await database?.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    });

    it('start together on an empty database: migrated once, demo data seeded once', { timeout: 180_000 }, async () => {
      database = await createTestDatabase('postgres');
      if (mode === 'pgbouncer') bouncer = await startPgBouncer(postgresAdminUrl());
      const url = bouncer ? bouncer.urlOf(database.url) : database.url;
      // Shared files directory: nodes share the content store (a shared mount in production).
      // Both nodes run a job worker (off by default under test), polling often.
      const env = { DATABASE_URL: url, FILES_DIR: filesDir, SEED_DEMO_DATA: 'true', PG_POOL_MAX: '4', JOBS_WORKER: 'true', JOBS_POLL_MS: '100', JOBS_DEADLINE_CHECK: 'false' };
      nodes = await Promise.all([startServerProcess(env), startServerProcess(env)]);

      const db = await openDatabase(loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', SEED_DEMO_DATA: 'false' }), { migrate: false });
      try {
        const ran = await db.reader.selectFrom('kysely_migration' as never).select('name' as never).execute();
        assert.deepEqual(ran.map((r) => (r as { name: string }).name).sort(), Object.keys(migrations).sort(), 'every migration ran exactly once');
        const admins = await db.reader.selectFrom('users').select('id').where('username', '=', 'admin').execute();
        assert.equal(admins.length, 1, 'one administrator: the demo data was seeded once');
        const desks = await db.reader.selectFrom('units').select('id').where('code', '=', '001.21.45.H01').execute();
        assert.equal(desks.length, 1, 'no unit seeded twice');
      } finally {
        await db.close();
      }
    });

    it('a session made on one node works on the other; a logout on either ends it on both', async () => {
      const [a, b] = nodes as [ServerProcess, ServerProcess];
      const cookie = await signIn(a.url, 'candang.motcua');
      assert.equal(await status(`${b.url}/api/v1/auth/me`, cookie), 200);
      assert.equal(await status(`${b.url}/api/v1/auth/logout`, cookie, 'POST'), 204);
      assert.equal(await status(`${a.url}/api/v1/auth/me`, cookie), 401);
      assert.equal(await status(`${b.url}/api/v1/auth/me`, cookie), 401);
    });

    it('intakes on both nodes at once get unique codes without gaps', { timeout: 120_000 }, async () => {
      const [a, b] = nodes as [ServerProcess, ServerProcess];
      const target = await prepareTarget(a);
      const ledger = new Ledger(mode === 'direct' ? 5 : 6);
      const answers = await Promise.all(
        Array.from({ length: INTAKES_PER_NODE * 2 }, (_, i) => {
          const idNumber = ledger.nextIdNumber();
          return intake(target, (i % 2 === 0 ? a : b).url, idNumber);
        }),
      );
      const codes = answers.map((answer) => (answer !== 'in-doubt' && answer.dossier ? answer.dossier.code : `failed: ${JSON.stringify(answer)}`));
      assert.equal(codes.filter((c) => c.startsWith('failed')).length, 0, codes.filter((c) => c.startsWith('failed')).join('\n'));
      assert.equal(new Set(codes).size, codes.length, 'unique codes');
      const db = await openDatabase(loadConfig({ DATABASE_URL: database!.url, NODE_ENV: 'test', SEED_DEMO_DATA: 'false' }), { migrate: false });
      try {
        assert.deepEqual(await codeProblems(db), []);
      } finally {
        await db.close();
      }
    });

    it('the workers of both nodes issue each receipt once (one claim per job, one signed form 01 per dossier)', { timeout: 180_000 }, async () => {
      const db = await openDatabase(loadConfig({ DATABASE_URL: database!.url, NODE_ENV: 'test', SEED_DEMO_DATA: 'false' }), { migrate: false });
      try {
        const deadline = Date.now() + 150_000;
        let jobs: Array<{ state: string; attempts: number }> = [];
        while (Date.now() < deadline) {
          jobs = await db.reader.selectFrom('jobs').select(['state', 'attempts']).where('kind', '=', 'documents.issue').execute();
          if (jobs.length >= INTAKES_PER_NODE * 2 && jobs.every((j) => j.state === 'done')) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        assert.ok(jobs.length >= INTAKES_PER_NODE * 2, `a documents.issue job per received dossier (${jobs.length})`);
        assert.deepEqual(jobs.filter((j) => j.state !== 'done'), [], 'every job done');
        assert.deepEqual(jobs.filter((j) => Number(j.attempts) !== 1), [], 'every job claimed once');
        const receipts = await db.reader
          .selectFrom('issued_documents')
          .innerJoin('dossiers', 'dossiers.id', 'issued_documents.dossier_id')
          .select(['issued_documents.dossier_id', 'issued_documents.attachment_id'])
          .where('issued_documents.form', '=', '01')
          .where('dossiers.applicant_id_number', 'like', mode === 'direct' ? '07705%' : '07706%')
          .execute();
        assert.equal(receipts.length, INTAKES_PER_NODE * 2, 'one receipt per dossier');
        assert.equal(new Set(receipts.map((r) => r.dossier_id)).size, receipts.length);
        assert.ok(receipts.every((r) => r.attachment_id), 'each receipt signed and stored');
      } finally {
        await db.close();
      }
    });
  });
}
