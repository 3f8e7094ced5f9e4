// Vite builds the web (citizen portal + staff console) into dist/web, which the Fastify app serves.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const WEB_ROOT = import.meta.dirname;
export const WEB_OUT_DIR = path.resolve(import.meta.dirname, '../dist/web');

export default defineConfig({
  root: WEB_ROOT,
  plugins: [react()],
  build: { outDir: WEB_OUT_DIR, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
