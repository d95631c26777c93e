import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The app runs inside the Tauri web view from files on disk: relative base,
// nothing fetched from the network (no CDNs, no external fonts).
export default defineConfig({
  base: './',
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  test: {
    include: ['src/**/*.test.ts', 'portal/src/**/*.test.ts', 'shared/**/*.test.ts'],
    environment: 'node',
    // The theme's contrast test reads the stylesheet's text.
    css: { include: [/app\.css/] },
  },
});
