// Scenarios (c) and (e): the real MotCua application, built by buildApp exactly as src/server.ts does,
// on a fresh SQLite file (synchronous=FULL) with the demo data seeded — or on BENCH_DATABASE_URL (the
// PostgreSQL database of a throwaway cluster, or a prepared SQLite file such as the 1M-dossier fixture).
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { main, requiredEnv, serve } from './serve.js';

main(async () => {
  const config = loadConfig({
    DATABASE_URL: process.env.BENCH_DATABASE_URL || `sqlite:${requiredEnv('BENCH_DB_FILE')}`,
    SQLITE_SYNCHRONOUS: 'FULL',
    SEED_DEMO_DATA: 'true',
    // warn rather than info: at info every request writes two JSON lines to stdout, which would
    // measure the parent's pipe as much as the app. Production log shipping is a separate cost.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    PORT: process.env.PORT,
    // Load-shedding settings a scenario asks for (the burst turns per-client rate limits off: one load
    // generator is one client), and JOBS_WORKER (off unless a scenario asks: the documents a receipt calls
    // for are signed by the job worker, measured by BENCH_ONLY=documents — before this was passed on, the
    // worker ran in every scenario, signing the demo dossiers' forms after start and each intake's receipt).
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(OVERLOAD_|RATE_LIMIT_|SQLITE_WRITE_|PG_POOL_|JOBS_)/.test(name))),
  });
  const app = await buildApp(config);
  await serve(app);
});
