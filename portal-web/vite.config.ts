/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The jar carries the build under META-INF/resources/portal; the control plane serves it at /portal/.
const controlPlane = process.env.BULWARK_CONTROL_PLANE ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources/portal',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': controlPlane,
      '/.well-known': controlPlane,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // The build machines are shared; generous limits keep slow runs from failing for the wrong reason.
    testTimeout: 20_000,
  },
});
