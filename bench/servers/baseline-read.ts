// Baseline (a): the ceiling for a read — bare Fastify 5, no logger, one JSON route with a small object.
import Fastify from 'fastify';
import { main, serve } from './serve.js';

main(async () => {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ id: '5a4e9c3e-8d5c-4b7a-9d1e-2f7a1b3c4d5e', code: '000.00.00.H01', name: 'Ủy ban nhân dân tỉnh', version: 1 }));
  await serve(app);
});
