// Child process for the concurrent-migration test: opens (and so migrates) the database given as argument.
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/open-database.js';

const url = process.argv[2];
if (!url) throw new Error('usage: migrate-once <DATABASE_URL>');
const db = await openDatabase(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }));
await db.close();
console.log('migrated');
