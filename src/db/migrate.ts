// Runs the frozen migrations at start-up under a lock, so two instances starting together are safe:
// PostgreSQL takes an advisory transaction lock; SQLite runs them in one BEGIN IMMEDIATE transaction.
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
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

export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<MigrationResultSet> {
  const result = await createMigrator(db, dialect).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** Names of the migrations this code knows but the database has not run. */
export async function pendingMigrations(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  const infos = await createMigrator(db, dialect).getMigrations();
  return infos.filter((info) => info.executedAt === undefined).map((info) => info.name);
}
