// The backup format: a directory holding `manifest.json`, the database part (`database.sqlite` or
// `database.pgdump`) and `files/sha256/…` (a copy of the content-addressed file store). The manifest names the
// dialect, the migrations the database had run, the row count of every table and the size and SHA-256 of
// every part, and carries a checksum of itself; `readBackup` refuses anything that does not match it.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/app-error.js';
import { migrations } from '../migrations/index.js';
import type { Dialect } from './database.js';

export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'motcua-backup';
export const FORMAT_VERSION = 1;

export interface BackupPart {
  /** Relative to the backup directory, with forward slashes. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: typeof FORMAT;
  readonly formatVersion: number;
  readonly motcuaVersion: string;
  readonly createdAt: string;
  readonly dialect: Dialect;
  /** The migrations the database had run, in order. */
  readonly migrations: string[];
  /** Rows of every table of the database, by name (`schema.table` on PostgreSQL), at the instant of the copy. */
  readonly tables: Record<string, number>;
  readonly parts: BackupPart[];
  /** SHA-256 of the manifest's canonical JSON without this field: catches an edited manifest. */
  readonly checksum: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export function manifestChecksum(manifest: Omit<BackupManifest, 'checksum'>): string {
  const { checksum: _ignored, ...rest } = manifest as BackupManifest;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** Flushes a file or a directory entry to disk (a rename is durable only once its directory is synced). */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function stagingPath(target: string): string {
  return `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
}

async function listFiles(root: string, relative = ''): Promise<string[]> {
  const entries = await fs.readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const found: string[] = [];
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(root, child)));
    else found.push(child);
  }
  return found.sort();
}

/** The stored blobs of a file store (`sha256/ab/cd/<hash>`); staging (`tmp/`) and anything else are not content. */
export async function storeBlobs(filesDir: string): Promise<string[]> {
  return (await listFiles(filesDir, 'sha256')).filter((file) => SHA256.test(path.basename(file)));
}

/**
 * Copies the file store's blobs into `<staging>/files`, hashing each copy: a part's checksum is of the bytes
 * written. A blob whose content no longer matches its name (damaged on disk) is copied as it is and reported.
 */
export async function copyStore(filesDir: string, staging: string): Promise<{ parts: BackupPart[]; damaged: string[] }> {
  const parts: BackupPart[] = [];
  const damaged: string[] = [];
  for (const blob of await storeBlobs(filesDir)) {
    const destination = path.join(staging, 'files', blob);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.copyFile(path.join(filesDir, blob), destination);
    await fsyncPath(destination);
    const sha256 = await sha256OfFile(destination);
    if (sha256 !== path.basename(blob)) damaged.push(blob);
    parts.push({ path: `files/${blob}`, size: (await fs.stat(destination)).size, sha256 });
  }
  return { parts, damaged };
}

/** Restores blobs into the store: each through a temporary file renamed into place; a blob already present with the right bytes stays. */
export async function restoreStore(source: string, manifest: BackupManifest, filesDir: string): Promise<number> {
  let restored = 0;
  for (const part of manifest.parts.filter((p) => p.path.startsWith('files/'))) {
    const destination = path.join(filesDir, part.path.slice('files/'.length));
    const present = await fs.stat(destination).then(
      (s) => s.isFile(),
      () => false,
    );
    if (present && (await sha256OfFile(destination)) === part.sha256) continue;
    await fs.mkdir(path.dirname(destination), { recursive: true });
    const temp = `${destination}.restore-${randomBytes(4).toString('hex')}`;
    await fs.copyFile(path.join(source, part.path), temp);
    await fsyncPath(temp);
    await fs.rename(temp, destination);
    await fsyncPath(path.dirname(destination));
    restored++;
  }
  return restored;
}

/** Writes the manifest, then renames the finished staging directory to its name: a backup is complete or absent. */
export async function sealBackup(staging: string, target: string, manifest: Omit<BackupManifest, 'checksum'>): Promise<BackupManifest> {
  const sealed: BackupManifest = { ...manifest, checksum: manifestChecksum(manifest) };
  const file = path.join(staging, MANIFEST_FILE);
  await fs.writeFile(file, `${JSON.stringify(sealed, null, 2)}\n`, { flag: 'wx' });
  await fsyncPath(file);
  for (const dir of await listDirectories(staging)) await fsyncPath(dir);
  await fs.rename(staging, target);
  await fsyncPath(path.dirname(target));
  return sealed;
}

async function listDirectories(root: string): Promise<string[]> {
  const found = [root];
  for (const entry of await fs.readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...(await listDirectories(path.join(root, entry.name))));
  }
  return found;
}

export async function partOf(directory: string, relative: string): Promise<BackupPart> {
  const file = path.join(directory, relative);
  return { path: relative, size: (await fs.stat(file)).size, sha256: await sha256OfFile(file) };
}

/**
 * Reads and checks a backup before anything is restored: the manifest's own checksum and shape, the dialect,
 * that this code knows every migration it lists, and every part — present, same size, same SHA-256 — with no
 * file in the directory that the manifest does not list.
 */
export async function readBackup(source: string, expectedDialect?: Dialect): Promise<BackupManifest> {
  const manifestFile = path.join(source, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(manifestFile, 'utf8');
  } catch {
    throw new AppError('BACKUP_NOT_FOUND', { path: source });
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new AppError('BACKUP_INVALID', { problem: 'manifest.json is not JSON' });
  }
  if (manifest?.format !== FORMAT || !Array.isArray(manifest.parts) || !Array.isArray(manifest.migrations) || typeof manifest.tables !== 'object') {
    throw new AppError('BACKUP_INVALID', { problem: 'manifest.json is not a MotCua backup manifest' });
  }
  if (manifest.formatVersion !== FORMAT_VERSION) throw new AppError('BACKUP_INVALID', { problem: `format version ${manifest.formatVersion} is not supported (this MotCua reads ${FORMAT_VERSION})` });
  if (manifestChecksum(manifest) !== manifest.checksum) throw new AppError('BACKUP_INVALID', { problem: 'the checksum of manifest.json does not match its content' });
  if (expectedDialect && manifest.dialect !== expectedDialect) throw new AppError('BACKUP_DIALECT_MISMATCH', { backup: manifest.dialect, target: expectedDialect });
  const known = new Set(Object.keys(migrations));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new AppError('BACKUP_SCHEMA_NEWER', { unknownMigrations: unknown });

  const problems: string[] = [];
  const listed = new Set<string>();
  for (const part of manifest.parts) {
    if (part.path.split('/').includes('..') || path.isAbsolute(part.path)) {
      problems.push(`${part.path}: not a path inside the backup`);
      continue;
    }
    listed.add(part.path);
    const file = path.join(source, part.path);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) problems.push(`${part.path}: missing`);
    else if (stat.size !== part.size) problems.push(`${part.path}: ${stat.size} bytes, the manifest says ${part.size}`);
    else if ((await sha256OfFile(file)) !== part.sha256) problems.push(`${part.path}: SHA-256 differs from the manifest`);
  }
  for (const file of await listFiles(source)) {
    if (file !== MANIFEST_FILE && !listed.has(file)) problems.push(`${file}: not listed in the manifest`);
  }
  if (problems.length > 0) throw new AppError('BACKUP_CHECKSUM_MISMATCH', { problems: problems.slice(0, 20), count: problems.length });
  return manifest;
}

export async function motcuaVersion(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
