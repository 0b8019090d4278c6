/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in the Maven module's classes, so the jar serves it from tapdeck-ui/.
// `npm run dev` proxies the API to a `tapdeck serve` on the default port.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/tapdeck-ui',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:7070', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // jsdom builds thousands of elements (a hex dump, a table) slowly on a busy machine.
    testTimeout: 30_000,
  },
});
