/**
 * Build of the phone/workbench app and its service worker.
 *
 * The service worker is ours (sw/sw.ts, injectManifest): vite-plugin-pwa only injects the precache
 * list and writes the web app manifest. Registration is ours too (workbox-window in
 * src/app/pwa/), with `registerType: 'prompt'` semantics: a new version waits until the user agrees,
 * because an automatic reload could wipe a half-filled form (DESIGN §5).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const BRAND_GREEN = '#1f6f4a';
const BACKGROUND = '#f4f7f5';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      devOptions: { enabled: false },
      // The glob already lists every icon; the plugin adds the manifest itself. No duplicates.
      includeManifestIcons: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,png,svg,ico}'],
        // The workbench's statistics (Chart.js, ~58 KB gzip) and 回访 are online-only clerk code:
        // agents' phones should not download them when the app installs.
        globIgnores: ['**/StatisticsPage-*', '**/FollowUpsPage-*', '**/AuditPage-*', '**/AdminPage-*'],
      },
      manifest: {
        name: '代办通',
        short_name: '代办通',
        description: '村级代办员的随身工具：没有信号也能为群众代办申请，联网后自动报送乡镇便民服务中心。',
        lang: 'zh-CN',
        dir: 'ltr',
        display: 'standalone',
        orientation: 'portrait',
        start_url: '/',
        scope: '/',
        theme_color: BRAND_GREEN,
        background_color: BACKGROUND,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
  resolve: {
    // The browser's zod is zod without eval (the CSP forbids it): src/app/zod-jitless.ts.
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('src/app/zod-jitless.ts', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
});
