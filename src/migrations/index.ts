// The ordered list of migrations. Names sort in the order they run; append, never reorder.
import type { Kysely } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-calendars.js';
import * as m0003 from './0003-unit-office-hours.js';
import * as m0004 from './0004-catalog.js';
import * as m0005 from './0005-workflow.js';
import * as m0006 from './0006-dossiers.js';
import * as m0007 from './0007-dossier-search-index.js';
import * as m0008 from './0008-report-counters.js';
import * as m0009 from './0009-documents.js';
import * as m0010 from './0010-jobs.js';
import * as m0011 from './0011-active-task-indexes.js';
import * as m0012 from './0012-dossier-units.js';
import * as m0013 from './0013-awaiting-receipt.js';
import * as m0014 from './0014-awaiting-channel.js';

export type MigrationDialect = 'sqlite' | 'postgres';

export interface FrozenMigration {
  up(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
  down?(db: Kysely<any>, dialect: MigrationDialect): Promise<void>;
}

export const migrations: Record<string, FrozenMigration> = {
  '0001-foundation': m0001,
  '0002-calendars': m0002,
  '0003-unit-office-hours': m0003,
  '0004-catalog': m0004,
  '0005-workflow': m0005,
  '0006-dossiers': m0006,
  '0007-dossier-search-index': m0007,
  '0008-report-counters': m0008,
  '0009-documents': m0009,
  '0010-jobs': m0010,
  '0011-active-task-indexes': m0011,
  '0012-dossier-units': m0012,
  '0013-awaiting-receipt': m0013,
  '0014-awaiting-channel': m0014,
};
