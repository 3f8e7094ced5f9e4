// Backup and restore on both databases: the demo province, generated dossiers, an uploaded scan and issued
// (signed) forms are backed up, restored into a fresh database and a fresh file store, and every table the
// catalogue lists is compared row by row, with every file's hash. A damaged, edited or too-new backup and a
// non-empty target are refused; on SQLite, copies taken while another process writes are consistent
// (integrity check, projections equal to their events, report counters reconcile).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createTestDatabase, DIALECTS, startTestApp, testConfig, type TestApp, type TestDatabase } from '../../test/support/test-app.js';
import { dumpTables, storeHashes } from '../../test/support/table-dump.js';
import { createServices } from '../composition.js';
import type { Config } from '../config/config.js';
import { generateDossiers, steppingClock } from '../demo/dossier-generator.js';
import { AppError } from '../errors/app-error.js';
import type { ErrorCode } from '../errors/error-catalogue.js';
import type { Actor } from '../identity/roles.js';
import { systemClock } from '../time/clock.js';
import { backupDatabase, readBackup, restoreDatabase, type BackupManifest } from './backup.js';
import { manifestChecksum } from './backup-format.js';
import { migrations } from '../migrations/index.js';
import { openDatabase } from './open-database.js';

const execFileAsync = promisify(execFile);
const START = '2026-01-05T01:00:00.000Z';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function motcua(env: Record<string, string>, args: string[]) {
  return execFileAsync(process.execPath, ['bin/motcua.mjs', ...args], { env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env } });
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  let caught: unknown;
  await promise.catch((error: unknown) => (caught = error));
  assert.ok(caught instanceof AppError, `expected AppError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, JSON.stringify(caught.details));
  return caught;
}

interface Target {
  readonly database: TestDatabase;
  readonly filesDir: string;
  readonly config: Config;
}

const urlOf = (config: Config) => (config.database.dialect === 'sqlite' ? `sqlite:${config.database.file}` : config.database.url);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
let scratchCounter = 0;
const scratchPath = (name: string) => path.join(scratch, `${name}-${scratchCounter++}`);

async function freshTarget(dialect: (typeof DIALECTS)[number]): Promise<Target> {
  const database = await createTestDatabase(dialect);
  const filesDir = scratchPath('files');
  return { database, filesDir, config: testConfig(database.url, { FILES_DIR: filesDir }) };
}

async function assertSameDatabases(sourceUrl: string, sourceFiles: string, target: Target): Promise<{ tables: number; rows: number }> {
  const [expected, actual] = [await dumpTables(sourceUrl), await dumpTables(target.database.url)];
  assert.deepEqual(Object.keys(actual), Object.keys(expected), 'the same tables');
  for (const table of Object.keys(expected)) assert.deepEqual(actual[table], expected[table], `table ${table}`);
  assert.deepEqual(storeHashes(target.filesDir), storeHashes(sourceFiles), 'the same files');
  const tables = Object.keys(expected).filter((name) => name !== '(sequences)');
  return { tables: tables.length, rows: tables.reduce((a, name) => a + expected[name]!.length, 0) };
}

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

for (const dialect of DIALECTS) {
  describe(`backup and restore [${dialect}]`, () => {
    const clock = steppingClock(START);
    let t: TestApp;
    let backup: string;
    const targets: Target[] = [];
    const target = async () => {
      const made = await freshTarget(dialect);
      targets.push(made);
      return made;
    };

    before(async () => {
      t = await startTestApp(dialect, { clock });
      const services = t.app.services;
      await generateDossiers(services, { count: 24, seed: 8, clock });
      const admin = await t.app.database.reader.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      const actor: Actor = { userId: admin.id, username: 'admin', isSystemAdmin: true, roles: [] };
      await services.attachments.upload(actor, { fileName: 'to-khai.pdf', stream: Readable.from([PDF]) });
      const received = await t.app.database.reader.selectFrom('dossiers').select('id').where('code', 'is not', null).orderBy('code').limit(2).execute();
      for (const { id } of received) await services.documents.list(actor, id); // issues form 01 with its signed copy
    });
    after(async () => {
      await t?.close();
      for (const made of targets) await made.database.drop();
    });

    it('restores into a fresh database and file store every table row by row and every file', async () => {
      backup = scratchPath('backup');
      const restored = await target();
      if (dialect === 'sqlite') {
        // Through the commands an operator types, on the live database (the app stays open).
        const made = await motcua({ DATABASE_URL: urlOf(t.config), FILES_DIR: t.config.documents.filesDir }, ['backup', backup]);
        assert.match(made.stdout, new RegExp(String.raw`Đã sao lưu / Backed up to .*
.*sqlite, \d+ bảng / tables, \d+ dòng / rows, ${Object.keys(migrations).length} migrations`));
        const done = await motcua({ DATABASE_URL: restored.database.url, FILES_DIR: restored.filesDir }, ['restore', backup]);
        assert.match(done.stdout, /Đã khôi phục \/ Restored .*\n.*row counts match the manifest/);
      } else {
        await backupDatabase(t.config, backup);
        await restoreDatabase(restored.config, backup);
      }
      const manifest = await readBackup(backup, dialect);
      const files = manifest.parts.filter((p) => p.path.startsWith('files/'));
      assert.ok(files.length >= 3, 'the scan and two signed copies are in the backup');
      const attachments = manifest.tables[dialect === 'sqlite' ? 'attachments' : 'public.attachments'];
      assert.ok(attachments !== undefined && attachments >= 3);
      const compared = await assertSameDatabases(urlOf(t.config), t.config.documents.filesDir, restored);
      assert.ok(compared.tables >= 20 && compared.rows > 500, JSON.stringify(compared));
      console.log(`# ${dialect}: ${compared.tables} tables, ${compared.rows} rows${dialect === 'postgres' ? ', the sequences' : ''} and ${files.length} files equal after the round trip`);

      // The restored database is a working MotCua database.
      const database = await openDatabase(restored.config);
      try {
        const services = createServices(database, restored.config, systemClock);
        assert.deepEqual((await services.dossierVerify.verifyAll()).mismatches, []);
      } finally {
        await database.close();
      }
    });

    it('refuses a damaged, edited, too new or foreign backup and leaves the target untouched', async () => {
      const variant = (name: string, change: (dir: string) => void) => {
        const dir = scratchPath(name);
        fs.cpSync(backup, dir, { recursive: true });
        change(dir);
        return dir;
      };
      const manifestOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
      const writeManifest = (dir: string, manifest: BackupManifest) => fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
      const databasePart = manifestOf(backup).parts[0]!.path;
      const flipByte = (file: string, at: number) => {
        const bytes = fs.readFileSync(file);
        bytes[at] = bytes[at]! ^ 0xff;
        fs.writeFileSync(file, bytes);
      };
      const untouched = await target();

      const damaged = variant('damaged', (dir) => flipByte(path.join(dir, databasePart), 5000));
      const error = await rejectsWith(restoreDatabase(untouched.config, damaged), 'BACKUP_CHECKSUM_MISMATCH');
      assert.match(JSON.stringify(error.details), new RegExp(`${databasePart}: SHA-256 differs`));

      const fileDamaged = variant('file', (dir) => flipByte(path.join(dir, manifestOf(dir).parts.at(-1)!.path), 10));
      await rejectsWith(restoreDatabase(untouched.config, fileDamaged), 'BACKUP_CHECKSUM_MISMATCH');
      const missing = variant('missing', (dir) => fs.rmSync(path.join(dir, manifestOf(dir).parts.at(-1)!.path)));
      await rejectsWith(restoreDatabase(untouched.config, missing), 'BACKUP_CHECKSUM_MISMATCH');
      const extra = variant('extra', (dir) => fs.writeFileSync(path.join(dir, 'files', 'note.txt'), 'x'));
      await rejectsWith(restoreDatabase(untouched.config, extra), 'BACKUP_CHECKSUM_MISMATCH');

      const edited = variant('edited', (dir) => {
        const manifest = manifestOf(dir);
        const [first] = Object.keys(manifest.tables);
        writeManifest(dir, { ...manifest, tables: { ...manifest.tables, [first!]: manifest.tables[first!]! + 1 } });
      });
      await rejectsWith(restoreDatabase(untouched.config, edited), 'BACKUP_INVALID');

      const newer = variant('newer', (dir) => {
        const { checksum: _old, ...manifest } = manifestOf(dir);
        const changed = { ...manifest, migrations: [...manifest.migrations, '9999-from-the-future'] };
        writeManifest(dir, { ...changed, checksum: manifestChecksum(changed) });
      });
      const tooNew = await rejectsWith(restoreDatabase(untouched.config, newer), 'BACKUP_SCHEMA_NEWER');
      assert.deepEqual(tooNew.details, { unknownMigrations: ['9999-from-the-future'] });

      await rejectsWith(readBackup(backup, dialect === 'sqlite' ? 'postgres' : 'sqlite'), 'BACKUP_DIALECT_MISMATCH');
      await rejectsWith(restoreDatabase(untouched.config, scratchPath('nowhere')), 'BACKUP_NOT_FOUND');
      await rejectsWith(backupDatabase(t.config, backup), 'BACKUP_TARGET_EXISTS');

      const untouchedFile = untouched.config.database.dialect === 'sqlite' ? untouched.config.database.file : undefined;
      if (untouchedFile === undefined || fs.existsSync(untouchedFile)) {
        const tables = await dumpTables(untouched.database.url);
        assert.deepEqual(Object.keys(tables).filter((name) => name !== '(sequences)'), [], 'nothing was restored');
      }
      assert.deepEqual(storeHashes(untouched.filesDir), {});
    });

    it('refuses to overwrite a database that holds data unless forced', async () => {
      const occupied = await target();
      await restoreDatabase(occupied.config, backup);
      const refused = await rejectsWith(restoreDatabase(occupied.config, backup), 'RESTORE_TARGET_NOT_EMPTY');
      assert.deepEqual(refused.details, { databaseHasTables: true, filesInStore: Object.keys(storeHashes(occupied.filesDir)).length });
      // Forced over a database that has moved on since: it is the backup again.
      const database = await openDatabase(occupied.config);
      try {
        await generateDossiers(createServices(database, occupied.config, clock), { count: 3, seed: 99, clock });
      } finally {
        await database.close();
      }
      await restoreDatabase(occupied.config, backup, { force: true });
      await assertSameDatabases(urlOf(t.config), t.config.documents.filesDir, occupied);
    });

    if (dialect === 'sqlite') {
      it('copies a consistent state while another process keeps writing', async () => {
        const url = urlOf(t.config);
        const count = async () => Number((await t.app.database.reader.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        const before = await count();
        const writer = spawn(process.execPath, ['bin/motcua.mjs', 'generate-dossiers', '--count', '120', '--seed', '5', '--start', '2026-03-02T01:00:00.000Z'], {
          env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, FILES_DIR: t.config.documents.filesDir },
          stdio: 'ignore',
        });
        const finished = new Promise<number | null>((resolve) => writer.on('close', resolve));
        let running = true;
        void finished.then(() => (running = false));
        const copies: string[] = [];
        while (running && (await count()) < before + 5) await new Promise((resolve) => setTimeout(resolve, 50));
        while (running && copies.length < 3) {
          const copy = scratchPath('live');
          await backupDatabase(t.config, copy); // integrity_check inside
          copies.push(copy);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        assert.equal(await finished, 0, 'the writer finished');
        const after = await count();
        assert.ok(copies.length > 0, 'a copy was taken while the writer ran');
        let midway = 0;
        for (const copy of copies) {
          const restored = await target();
          await restoreDatabase(restored.config, copy);
          const database = await openDatabase(restored.config);
          try {
            const services = createServices(database, restored.config, systemClock);
            assert.deepEqual((await services.dossierVerify.verifyAll()).mismatches, []);
            assert.deepEqual((await services.reportMaintenance.reconcile()).differences, []);
            const copied = Number((await database.reader.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
            if (copied > before && copied < after) midway++;
          } finally {
            await database.close();
          }
        }
        assert.ok(midway > 0, `at least one copy caught the writer half-way (${before} → ${after} dossiers)`);
      });
    }
  });
}
