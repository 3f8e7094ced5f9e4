// Prepared queries run exactly what Kysely would have run — the same SQL text and the same parameters, on
// each dialect — but build and compile once (per dialect, per shape).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type QueryResult } from 'kysely';
import SqliteConnection from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { columnParams, PreparedFamily, PreparedQuery, runDirectlyOn, type Param } from './prepared.js';
import type { DB } from './schema.js';
import { directRunner } from './sqlite-database.js';

/** A Kysely that runs nothing: it records the compiled queries it is given. */
function recording(dialect: 'postgres' | 'sqlite') {
  const executed: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      executed.push(query);
      return { rows: [] };
    },
    async *streamQuery() {
      // never streamed here
    },
  };
  class RecordingDriver extends DummyDriver {
    override async acquireConnection(): Promise<DatabaseConnection> {
      return connection;
    }
  }
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => (dialect === 'postgres' ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new RecordingDriver(),
      createIntrospector: (kysely) => (dialect === 'postgres' ? new PostgresIntrospector(kysely) : new SqliteIntrospector(kysely)),
      createQueryCompiler: () => (dialect === 'postgres' ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
  return { db, executed };
}

const worklist = (db: Kysely<DB>, unitId: unknown, roles: unknown[], limit: unknown) =>
  db
    .selectFrom('dossier_tasks')
    .select(['id', 'dossier_id'])
    .where('status', '=', 'active')
    .where('unit_id', '=', unitId as string)
    .where('role', 'in', roles as string[])
    .orderBy('due_at')
    .limit(limit as number);

describe('prepared queries', () => {
  for (const dialect of ['postgres', 'sqlite'] as const) {
    it(`run the SQL and parameters Kysely compiles, built once [${dialect}]`, async () => {
      const { db, executed } = recording(dialect);
      let builds = 0;
      const query = new PreparedQuery((kysely, param: Param<'unit' | 'roleA' | 'roleB' | 'limit'>) => {
        builds++;
        return worklist(kysely, param('unit'), [param('roleA'), param('roleB')], param('limit'));
      });
      for (const unit of ['u1', 'u2', 'u3']) {
        await query.execute(db, { unit, roleA: 'specialist', roleB: 'leader', limit: 20 });
        const expected = worklist(db, unit, ['specialist', 'leader'], 20).compile();
        const ran = executed.at(-1)!;
        assert.equal(ran.sql, expected.sql);
        assert.deepEqual(ran.parameters, expected.parameters, 'the constant (active) stays where the builder wrote it');
      }
      assert.equal(builds, 1, 'built and compiled once for the dialect');
    });
  }

  it('gives NULL for an undefined value, and compiles a family once per shape', async () => {
    const { db, executed } = recording('sqlite');
    const family = new PreparedFamily<never>();
    let builds = 0;
    const update = (columns: string[], values: Record<string, unknown>) =>
      family.execute<string>(
        db,
        columns.join(','),
        (kysely, param) => {
          builds++;
          return kysely.updateTable('dossier_tasks').set(columnParams(columns, param)).where('id', '=', param('id'));
        },
        { ...values, id: 't1' },
      );
    await update(['status', 'assignee_id'], { status: 'done', assignee_id: undefined });
    assert.deepEqual(executed.at(-1)!.parameters, ['done', null, 't1']);
    await update(['status', 'assignee_id'], { status: 'active', assignee_id: 'u9' });
    await update(['status'], { status: 'cancelled' });
    assert.equal(builds, 2, 'one build per set of columns');
    assert.equal(executed.at(-1)!.sql, 'update "dossier_tasks" set "status" = ? where "id" = ?');
  });

  it('run on a SQLite connection directly when registered, answering exactly as Kysely does, errors included', async () => {
    const connection = new SqliteConnection(':memory:');
    connection.exec('create table t (id integer primary key, name text not null unique)');
    const viaKysely = new Kysely<any>({ dialect: new SqliteDialect({ database: connection }) });
    const direct = new Kysely<any>({ dialect: new SqliteDialect({ database: connection }) });
    let directRuns = 0;
    const runner = directRunner(connection);
    runDirectlyOn(direct, (sql, parameters) => {
      directRuns++;
      return runner(sql, parameters);
    });
    const untyped = (db: Kysely<DB>) => db as unknown as Kysely<any>;
    const insert = new PreparedQuery((db, param: Param<'name'>) => untyped(db).insertInto('t').values({ name: param('name') }));
    const select = new PreparedQuery((db, param: Param<'name'>) => untyped(db).selectFrom('t').select(['id', 'name']).where('name', '=', param('name')));
    for (const [db, name] of [[viaKysely as Kysely<DB>, 'a'], [direct as Kysely<DB>, 'b']] as const) {
      const inserted = await insert.execute(db, { name });
      assert.deepEqual({ ...inserted }, { numAffectedRows: 1n, insertId: name === 'a' ? 1n : 2n, rows: [] });
      assert.deepEqual((await select.execute(db, { name })).rows, [{ id: name === 'a' ? 1 : 2, name }]);
      await assert.rejects(insert.execute(db, { name }), /UNIQUE constraint failed/, 'an error is a rejection, not a throw');
    }
    assert.equal(directRuns, 3, 'the registered executor ran its statements directly');
    connection.close();
  });
});
