import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Self Service portal: served by helpdesk-server at `/` (embedded in
// its binary from dist-portal/), on the same origin as the API.
export default defineConfig({
  root: 'portal',
  base: '/',
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: '../dist-portal',
    emptyOutDir: true,
    target: 'es2022',
  },
});
