// Baseline (b): the naive durable write — bare Fastify 5 + better-sqlite3 (WAL, synchronous=FULL), one
// INSERT in its own transaction per request, so one COMMIT (one fsync of the WAL) per request. The table
// mirrors MotCua's audit_log (columns and index) so that (d) differs only by its write path.
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { main, requiredEnv, serve } from './serve.js';

main(async () => {
  const db = new Database(requiredEnv('BENCH_DB_FILE'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`create table if not exists audit_log (
    id integer primary key autoincrement, occurred_at text not null, actor_user_id text, action text not null,
    entity_type text not null, entity_id text not null, request_id text, details text not null);
    create index if not exists audit_log_entity_idx on audit_log (entity_type, entity_id, id);`);
  const insert = db.prepare('insert into audit_log (occurred_at, actor_user_id, action, entity_type, entity_id, request_id, details) values (?, null, ?, ?, ?, ?, ?)');
  const count = db.prepare('select count(*) as n from audit_log');
  // Explicit transaction (not autocommit) to say what is measured: BEGIN, INSERT, COMMIT = one fsync.
  const insertOne = db.transaction((entityId: string, requestId: string) =>
    insert.run(new Date().toISOString(), 'bench.write', 'bench', entityId, requestId, JSON.stringify({ source: 'bench' })),
  );

  const app = Fastify({ logger: false });
  app.post('/write', async (request, reply) => {
    const result = insertOne(String(request.id), String(request.id));
    return reply.status(201).send({ id: Number(result.lastInsertRowid) });
  });
  app.get('/count', async () => ({ rows: (count.get() as { n: number }).n }));
  app.addHook('onClose', async () => db.close());
  await serve(app);
});
