// Scenarios (c) and (e): the real MotCua application, built by buildApp exactly as src/server.ts does,
// on a fresh SQLite file (synchronous=FULL) with the demo data seeded.
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { main, requiredEnv, serve } from './serve.js';

main(async () => {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${requiredEnv('BENCH_DB_FILE')}`,
    SQLITE_SYNCHRONOUS: 'FULL',
    SEED_DEMO_DATA: 'true',
    // warn rather than info: at info every request writes two JSON lines to stdout, which would
    // measure the parent's pipe as much as the app. Production log shipping is a separate cost.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    PORT: process.env.PORT,
  });
  const app = await buildApp(config);
  await serve(app);
});
