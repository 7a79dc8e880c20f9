import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The built page carries the same Content Security Policy the server sends,
 * as a meta tag, so the app is held to it wherever it is served from. Only
 * in the build: the dev server injects scripts of its own.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const cspMeta = (): Plugin => ({
  name: 'verbatim-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
});

export default defineConfig({
  root,
  base: '/',
  plugins: [preact(), cspMeta()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing: every asset is a file, as the Content Security Policy wants.
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // Observable Plot and its d3 modules: one chunk, loaded by the first chart drawn.
        manualChunks: (id) => (/[\\/]node_modules[\\/](?:@observablehq[\\/]plot|d3-|interval-tree-1d|isoformat|internmap|delaunator|robust-predicates)/u.test(id) ? 'plot' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:4173' },
  },
});
