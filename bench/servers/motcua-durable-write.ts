// Scenario (d): MotCua's own durable write path without the rest of the app — the database opened the
// way the app opens it (openDatabase: WAL, synchronous from config, migrations) and one audit_log row per
// request through database.runInWriteTx, i.e. group commit. Compare with baseline-durable-write.ts.
import Fastify from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/open-database.js';
import { main, requiredEnv, serve } from './serve.js';

main(async () => {
  const config = loadConfig({
    DATABASE_URL: `sqlite:${requiredEnv('BENCH_DB_FILE')}`,
    SQLITE_SYNCHRONOUS: 'FULL',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
  });
  const database = await openDatabase(config);

  const app = Fastify({ logger: false });
  app.post('/write', async (request, reply) => {
    await database.runInWriteTx((tx) =>
      tx
        .insertInto('audit_log')
        .values({
          occurred_at: new Date().toISOString(),
          actor_user_id: null, // a real user id would need a users row (foreign key)
          action: 'bench.write',
          entity_type: 'bench',
          entity_id: String(request.id),
          request_id: String(request.id),
          details: JSON.stringify({ source: 'bench' }),
        })
        .execute(),
    );
    // Answered only now: runInWriteTx resolves after the COMMIT of the batch this write was in.
    return reply.status(201).send({ ok: true });
  });
  app.get('/count', async () => {
    const row = await database.reader.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows: Number(row.n) };
  });
  app.addHook('onClose', async () => database.close());
  await serve(app);
});
