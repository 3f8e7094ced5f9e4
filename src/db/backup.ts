// `motcua backup` and `motcua restore`: a consistent copy of the database and of the file store, checked,
// sealed with a manifest (backup-format.ts), and restored only when every checksum matches.
//
// SQLite: the online backup API copies every page in one step, inside one read transaction, so the copy is
// one committed state while the server keeps writing (WAL readers do not block the writer); the copy is then
// checked (integrity_check, migration table) and turned into a self-contained file (journal_mode=DELETE).
// PostgreSQL: a REPEATABLE READ transaction exports its snapshot; the row counts are taken in it and
// `pg_dump --format=custom --snapshot` dumps exactly that state; `pg_restore --single-transaction` restores it.
// Files are copied after the database: an upload reaches the store before its row is committed, and blobs are
// never deleted, so every file the copied database names is already there.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteConnection from 'better-sqlite3';
import pg from 'pg';
import type { Config, PostgresDatabaseConfig, SqliteDatabaseConfig } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { migrations } from '../migrations/index.js';
import {
  copyStore,
  FORMAT,
  FORMAT_VERSION,
  fsyncPath,
  motcuaVersion,
  partOf,
  readBackup,
  restoreStore,
  sealBackup,
  stagingPath,
  storeBlobs,
  type BackupManifest,
} from './backup-format.js';

export { readBackup, type BackupManifest } from './backup-format.js';

const SQLITE_PART = 'database.sqlite';
const PG_PART = 'database.pgdump';
const MIGRATION_TABLE = 'kysely_migration';

export interface BackupResult {
  readonly directory: string;
  readonly manifest: BackupManifest;
  /** Blobs of the file store whose bytes no longer match their name (copied as they are). */
  readonly damagedFiles: string[];
}

export interface RestoreResult {
  readonly manifest: BackupManifest;
  readonly rows: number;
  readonly filesRestored: number;
  /** Migrations this code has that the backup had not run: the next start applies them. */
  readonly pendingMigrations: string[];
}

interface DatabaseFacts {
  readonly migrations: string[];
  readonly tables: Record<string, number>;
}

export async function backupDatabase(config: Config, target: string, now: () => Date = () => new Date()): Promise<BackupResult> {
  const directory = path.resolve(target);
  if (fs.existsSync(directory)) throw new AppError('BACKUP_TARGET_EXISTS', { path: directory });
  fs.mkdirSync(path.dirname(directory), { recursive: true });
  const staging = stagingPath(directory);
  fs.mkdirSync(staging);
  try {
    const createdAt = now().toISOString();
    const database = config.database;
    const facts = database.dialect === 'sqlite' ? await backupSqlite(database, path.join(staging, SQLITE_PART)) : await backupPostgres(database, path.join(staging, PG_PART));
    const databasePart = await partOf(staging, database.dialect === 'sqlite' ? SQLITE_PART : PG_PART);
    const store = await copyStore(config.documents.filesDir, staging);
    const manifest = await sealBackup(staging, directory, {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      motcuaVersion: await motcuaVersion(),
      createdAt,
      dialect: database.dialect,
      migrations: facts.migrations,
      tables: facts.tables,
      parts: [databasePart, ...store.parts],
    });
    return { directory, manifest, damagedFiles: store.damaged };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export interface RestoreOptions {
  /** Overwrite a target database or file store that already holds data. */
  readonly force?: boolean;
}

export async function restoreDatabase(config: Config, source: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const directory = path.resolve(source);
  const database = config.database;
  const manifest = await readBackup(directory, database.dialect);
  const databaseInUse = database.dialect === 'sqlite' ? sqliteHasTables(database.file) : await postgresHasTables(database);
  const filesInStore = (await storeBlobs(config.documents.filesDir)).length;
  if ((databaseInUse || filesInStore > 0) && !options.force) {
    throw new AppError('RESTORE_TARGET_NOT_EMPTY', { databaseHasTables: databaseInUse, filesInStore });
  }
  // Files first: a restored database never names a file that is not there yet.
  const filesRestored = await restoreStore(directory, manifest, config.documents.filesDir);
  const tables = database.dialect === 'sqlite' ? await restoreSqlite(database, path.join(directory, SQLITE_PART)) : await restorePostgres(database, path.join(directory, PG_PART), databaseInUse);
  assertSameCounts(manifest.tables, tables);
  const done = new Set(manifest.migrations);
  return {
    manifest,
    rows: Object.values(tables).reduce((a, b) => a + b, 0),
    filesRestored,
    pendingMigrations: Object.keys(migrations).filter((name) => !done.has(name)),
  };
}

function assertSameCounts(expected: Record<string, number>, actual: Record<string, number>): void {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const differences = names.filter((name) => expected[name] !== actual[name]).map((name) => `${name}: expected ${expected[name] ?? 'no table'}, found ${actual[name] ?? 'no table'}`);
  if (differences.length > 0) throw new AppError('BACKUP_VERIFY_FAILED', { differences });
}

// ---- SQLite ----

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function sqliteFacts(connection: SqliteConnection.Database): DatabaseFacts {
  const names = connection.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name").pluck().all() as string[];
  if (!names.includes(MIGRATION_TABLE)) throw new AppError('BACKUP_VERIFY_FAILED', { problem: 'the database has no migration table: it is not a MotCua database' });
  const tables: Record<string, number> = {};
  for (const name of names) tables[name] = connection.prepare(`select count(*) from ${quote(name)}`).pluck().get() as number;
  const done = connection.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
  return { migrations: done, tables };
}

function checkSqliteCopy(file: string): DatabaseFacts {
  const copy = new SqliteConnection(file, { fileMustExist: true });
  try {
    // The page copy keeps the source's WAL mode; a backup is one self-contained file.
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new AppError('BACKUP_VERIFY_FAILED', { problem: `integrity_check: ${String(integrity)}` });
    return sqliteFacts(copy);
  } finally {
    copy.close();
  }
}

async function backupSqlite(config: SqliteDatabaseConfig, destination: string): Promise<DatabaseFacts> {
  if (!fs.existsSync(config.file)) throw new AppError('BACKUP_SOURCE_NOT_FOUND', { path: config.file });
  const source = new SqliteConnection(config.file, { readonly: true, fileMustExist: true, timeout: 30_000 });
  try {
    // After the first (sizing) step, ask for every remaining page at once: one step runs in one read
    // transaction, so the copy is one committed state however much the server writes meanwhile.
    await source.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const facts = checkSqliteCopy(destination);
  await fsyncPath(destination);
  return facts;
}

function sqliteHasTables(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return false;
  const connection = new SqliteConnection(file, { readonly: true, fileMustExist: true });
  try {
    return (connection.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get() as number) > 0;
  } finally {
    connection.close();
  }
}

/**
 * Copies the part next to the target, checks it, then renames it over the target after removing the target's
 * WAL and shared-memory files (a stale WAL would be replayed into the restored file). The server must be stopped.
 */
async function restoreSqlite(config: SqliteDatabaseConfig, part: string): Promise<Record<string, number>> {
  fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const temp = `${config.file}.restore-${randomBytes(4).toString('hex')}`;
  try {
    fs.copyFileSync(part, temp);
    const facts = checkSqliteCopy(temp);
    await fsyncPath(temp);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${config.file}${suffix}`, { force: true });
    fs.renameSync(temp, config.file);
    await fsyncPath(path.dirname(config.file));
    return facts.tables;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

// ---- PostgreSQL ----

/** PostgreSQL's client programs, from PATH or the Debian layout (/usr/lib/postgresql/<version>/bin), newest first. */
export function findPgProgram(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(root, version, 'bin', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new AppError('BACKUP_TOOL_FAILED', { tool: name, problem: `${name} was not found (install the PostgreSQL client, e.g. apt-get install postgresql-client-15)` });
}

/** The password goes through PGPASSWORD rather than the command line, where any user could read it. */
function connectionForTools(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(findPgProgram(program), args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => reject(new AppError('BACKUP_TOOL_FAILED', { tool: program, problem: error.message })));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new AppError('BACKUP_TOOL_FAILED', { tool: program, exitCode: code, stderr: stderr.trim().split('\n').slice(-10) }));
    });
  });
}

async function postgresFacts(client: pg.ClientBase): Promise<DatabaseFacts> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  if (!rows.some((r) => r.name === MIGRATION_TABLE)) throw new AppError('BACKUP_VERIFY_FAILED', { problem: 'the database has no migration table: it is not a MotCua database' });
  const tables: Record<string, number> = {};
  for (const { schema, name } of rows) {
    const counted = await client.query<{ n: string }>(`select count(*) as n from ${quote(schema)}.${quote(name)}`);
    tables[`${schema}.${name}`] = Number(counted.rows[0]!.n);
  }
  const done = await client.query<{ name: string }>(`select name from ${MIGRATION_TABLE} order by name`);
  return { migrations: done.rows.map((r) => r.name), tables };
}

async function withClient<T>(config: PostgresDatabaseConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: config.url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function backupPostgres(config: PostgresDatabaseConfig, destination: string): Promise<DatabaseFacts> {
  const tools = connectionForTools(config.url);
  return withClient(config, async (client) => {
    // The snapshot stays valid while this transaction is open: counts and dump see the same committed state.
    await client.query('begin isolation level repeatable read read only');
    try {
      const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
      const facts = await postgresFacts(client);
      await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${destination}`, `--dbname=${tools.dbname}`], tools.env);
      const listing = await runTool('pg_restore', ['--list', destination], tools.env);
      if (!listing.includes(`TABLE DATA public ${MIGRATION_TABLE}`)) throw new AppError('BACKUP_VERIFY_FAILED', { problem: 'the dump does not list the migration table' });
      await fsyncPath(destination);
      return facts;
    } finally {
      await client.query('rollback');
    }
  });
}

async function postgresHasTables(config: PostgresDatabaseConfig): Promise<boolean> {
  return withClient(config, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    return rows[0]!.n > 0;
  });
}

async function restorePostgres(config: PostgresDatabaseConfig, part: string, replace: boolean): Promise<Record<string, number>> {
  const tools = connectionForTools(config.url);
  const args = ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${tools.dbname}`];
  if (replace) args.unshift('--clean', '--if-exists');
  await runTool('pg_restore', [...args, part], tools.env);
  return withClient(config, async (client) => (await postgresFacts(client)).tables);
}
