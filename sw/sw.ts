/**
 * The service worker: keeps the app shell on the phone so 代办通 opens with no signal.
 *
 * - Precache: every build asset listed by vite-plugin-pwa (self.__WB_MANIFEST), revisioned; caches of
 *   older Workbox formats are removed.
 * - Navigations (any path outside /api/) answer with the precached index.html, so deep links such as
 *   /agent open offline; the React router takes over from there.
 * - Updates never take over by themselves. A new version installs, then waits until the page sends
 *   {type: 'SKIP_WAITING'} after the user tapped 立即更新 — an automatic swap and reload could wipe a
 *   half-filled form (DESIGN §5). Pages that were open when it activates keep their old code until
 *   they reload; the page decides when that happens.
 * - The very first install claims the open page. Nothing controls it yet, it was just loaded from the
 *   network, and the precache holds the same build, so taking it over cannot mix two versions; it
 *   means the first visit already works offline. Updates never claim (see `claimOnActivate`).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//],
  }),
);

/**
 * Set during install when no earlier version is active, i.e. this is the first install. If the worker
 * is stopped between install and activate the flag is lost and we simply do not claim: the page gets
 * controlled on its next navigation, which is the safe default.
 */
let claimOnActivate = false;

self.addEventListener('install', () => {
  claimOnActivate = self.registration.active === null;
});

self.addEventListener('activate', (event) => {
  if (claimOnActivate) event.waitUntil(self.clients.claim());
});

type SkipWaitingMessage = { type: 'SKIP_WAITING' };

function isSkipWaiting(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING';
}

self.addEventListener('message', (event) => {
  if (isSkipWaiting(event.data)) void self.skipWaiting();
});
