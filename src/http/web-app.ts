// Serves the built web (citizen portal + staff console, dist/web from `web/`): hashed assets cached for a
// year, and index.html for the single-page application's own paths — listed explicitly, so /api, /docs,
// /openapi.json, /health and unknown paths keep their JSON answers (a 404 stays a 404).
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_WEB_ROOT = path.resolve(import.meta.dirname, '../../dist/web');

/** The SPA's paths: the portal (Vietnamese paths; /tra-cuu/{code} is printed as a QR code) and the console. */
const SPA_ROUTES = ['/', '/thu-tuc/*', '/tra-cuu', '/tra-cuu/*', '/ho-so-cua-toi/*', '/can-bo', '/can-bo/*'];

/** Registers the web if it was built; returns false (and the API works alone) when it was not. */
export async function registerWebApp(app: FastifyInstance, root = DEFAULT_WEB_ROOT): Promise<boolean> {
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) return false;
  const html = fs.readFileSync(index);
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const url of SPA_ROUTES) {
    app.get(url, { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html));
  }
  return true;
}
