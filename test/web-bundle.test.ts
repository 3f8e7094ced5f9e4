// The portal's initial JavaScript stays under 150 KB gzipped (issue 7's bar; figures in docs/benchmarks.md),
// and the staff console is a separate chunk that citizens never download.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { webBundleSize } from '../scripts/web-bundle-size.js';

it('the portal loads under 150 KB of gzipped JavaScript first; the console comes later', () => {
  const size = webBundleSize();
  assert.ok(size.initialJs.files.length >= 1, 'index.html loads a module script');
  assert.ok(size.initialJs.gzipBytes < 150_000, `initial JS is ${size.initialJs.gzipBytes} bytes gzipped`);
  assert.ok(size.lazyJs.files.some((f) => f.includes('console')), `the console is a lazy chunk: ${size.lazyJs.files.join(', ')}`);
});
