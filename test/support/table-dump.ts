// Every table of a database, as listed by its own catalogue, row by row in primary-key order with normalised
// values — to compare two databases exactly (backup round trips). Also the file store's blobs and their hashes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteConnection from 'better-sqlite3';
import pg from 'pg';

export type TableDump = Record<string, unknown[]>;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function normalise(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('hex')}`;
  if (value instanceof Date) return `instant:${value.toISOString()}`;
  if (typeof value === 'bigint') return `int:${value.toString()}`;
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

function normaliseRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalise(v)]));
}

/** Every table of the database at `url` (`sqlite:FILE` or `postgres://…`): name → rows in key order. */
export async function dumpTables(url: string): Promise<TableDump> {
  return url.startsWith('sqlite:') ? dumpSqlite(url.slice('sqlite:'.length)) : dumpPostgres(url);
}

function dumpSqlite(file: string): TableDump {
  const db = new SqliteConnection(file, { readonly: true, fileMustExist: true });
  try {
    db.defaultSafeIntegers(true); // no rounding of large integers on the way out
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[];
    const dump: TableDump = {};
    for (const table of tables) {
      const columns = db.prepare(`select name, pk from pragma_table_info(?) order by cid`).all(table) as Array<{ name: string; pk: bigint }>;
      const keys = columns.filter((c) => c.pk > 0n).sort((a, b) => Number(a.pk - b.pk));
      const order = (keys.length > 0 ? keys : columns).map((c) => quote(c.name)).join(', ');
      dump[table] = (db.prepare(`select * from ${quote(table)} order by ${order}`).all() as Array<Record<string, unknown>>).map(normaliseRow);
    }
    return dump;
  } finally {
    db.close();
  }
}

async function dumpPostgres(url: string): Promise<TableDump> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
    );
    const dump: TableDump = {};
    for (const { schema, name } of tables) {
      const qualified = `${quote(schema)}.${quote(name)}`;
      const { rows: keys } = await client.query<{ column: string }>(
        `select a.attname as column from pg_index i
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = $1::regclass and i.indisprimary
          order by array_position(i.indkey, a.attnum)`,
        [qualified],
      );
      const { rows: columns } = await client.query<{ column: string }>(
        `select column_name as column from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`,
        [schema, name],
      );
      const order = (keys.length > 0 ? keys : columns).map((c) => quote(c.column)).join(', ');
      dump[`${schema}.${name}`] = (await client.query(`select * from ${qualified} order by ${order}`)).rows.map(normaliseRow);
    }
    // Sequences too: pg_dump restores their positions with setval.
    const { rows: sequences } = await client.query(`select schemaname, sequencename, last_value from pg_sequences order by 1, 2`);
    dump['(sequences)'] = sequences.map(normaliseRow);
    return dump;
  } finally {
    await client.end();
  }
}

/** The file store's blobs: relative path → SHA-256 of the bytes on disk. */
export function storeHashes(filesDir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const root = path.join(filesDir, 'sha256');
  if (!fs.existsSync(root)) return result;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(filesDir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return result;
}
