// The portal's initial JavaScript: what index.html loads before anything else (its module script and
// modulepreloads), gzipped at level 9 as a reverse proxy would serve it. The console's chunk is loaded
// only on /can-bo pages and is reported apart. `tsx scripts/web-bundle-size.ts` prints the figures.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = path.resolve(import.meta.dirname, '../dist/web');

export interface BundleSize {
  readonly initialJs: { files: string[]; bytes: number; gzipBytes: number };
  readonly css: { bytes: number; gzipBytes: number };
  readonly lazyJs: { files: string[]; bytes: number; gzipBytes: number };
}

function sizes(files: string[]) {
  const buffers = files.map((f) => fs.readFileSync(path.join(OUT, f)));
  return { files, bytes: buffers.reduce((n, b) => n + b.length, 0), gzipBytes: buffers.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
}

export function webBundleSize(): BundleSize {
  const html = fs.readFileSync(path.join(OUT, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+\.css)"/g)].map((m) => m[1]!);
  const all = fs.readdirSync(path.join(OUT, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const { files: _files, ...cssSizes } = sizes(css);
  return { initialJs: sizes(initial), css: cssSizes, lazyJs: sizes(all.filter((f) => !initial.includes(f))) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const size = webBundleSize();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`portal initial JS: ${kb(size.initialJs.gzipBytes)} gzipped (${kb(size.initialJs.bytes)} raw) — ${size.initialJs.files.join(', ')}`);
  console.log(`CSS: ${kb(size.css.gzipBytes)} gzipped (${kb(size.css.bytes)} raw)`);
  console.log(`loaded later (console): ${kb(size.lazyJs.gzipBytes)} gzipped (${kb(size.lazyJs.bytes)} raw) — ${size.lazyJs.files.join(', ')}`);
}
