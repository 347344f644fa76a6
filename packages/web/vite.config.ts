import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const guardSource = fileURLToPath(new URL('../guard/src/index.ts', import.meta.url));
// The guard library is written in parallel; until its entry exists, the app bundles a stand-in
// that reports the engine as unavailable instead of failing the build.
const guardEntry = existsSync(guardSource)
  ? guardSource
  : fileURLToPath(new URL('./src/features/guard/guard-unavailable.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@bedside/guard': guardEntry } },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The Check-text chunk carries the guard's gazetteers (loaded only on that page).
    chunkSizeWarningLimit: 1024,
  },
});
