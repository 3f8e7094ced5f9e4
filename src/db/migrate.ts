// Runs the frozen migrations at start-up under a lock, so two instances starting together are safe:
// PostgreSQL runs them in one transaction holding a transaction-scoped advisory lock (pg_advisory_xact_lock,
// never a session lock: see docs/deployment.md on PgBouncer); SQLite in one BEGIN IMMEDIATE transaction.
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { migrations, type MigrationDialect } from '../migrations/index.js';

function provider(dialect: MigrationDialect) {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      const bound: Record<string, Migration> = {};
      for (const [name, migration] of Object.entries(migrations)) {
        bound[name] = {
          up: (db) => migration.up(db, dialect),
          ...(migration.down ? { down: (db: Kysely<any>) => migration.down!(db, dialect) } : {}),
        };
      }
      return bound;
    },
  };
}

export function createMigrator(db: Kysely<any>, dialect: MigrationDialect): Migrator {
  return new Migrator({ db, provider: provider(dialect) });
}

/** Any fixed number: the key of the migrations' advisory lock on PostgreSQL. */
export const MIGRATION_LOCK_KEY = 4_604_213_277_811;

export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<MigrationResultSet> {
  const result =
    dialect === 'postgres'
      ? // One transaction holding a transaction-scoped lock: released by COMMIT or ROLLBACK whatever happens, and
        // safe through PgBouncer's transaction pooling (a session lock could stay behind on a pooled server
        // connection). Kysely's own lock is turned into this one (TransactionLockPostgresAdapter).
        // (Kysely's migrator cannot run on a Transaction object, so the transaction is opened on one connection.)
        await db.connection().execute(async (connection) => {
          await sql`begin`.execute(connection);
          try {
            await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
            const outcome = await new Migrator({ db: connection, provider: provider(dialect), disableTransactions: true }).migrateToLatest();
            if (outcome.error) throw outcome.error; // roll back every migration of this run
            await sql`commit`.execute(connection);
            return outcome;
          } catch (error) {
            await sql`rollback`.execute(connection).catch(() => undefined);
            throw error;
          }
        })
      : await createMigrator(db, dialect).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Names of the migrations this code knows but the database has not run. */
export async function pendingMigrations(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  const infos = await createMigrator(db, dialect).getMigrations();
  return infos.filter((info) => info.executedAt === undefined).map((info) => info.name);
}
