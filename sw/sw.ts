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
 * - Background Sync (Chromium): the `sync` event for the 'daiban-sync' tag calls the same runSync the
 *   pages use — no second implementation, and the Web Lock keeps it from running beside a page's run.
 *   The browser may kill the event after a few minutes; every step of a run is committed as it goes,
 *   so a killed run loses nothing and the next one (page or worker) continues. Decisions it pulls while
 *   no page is visible raise one system notification (notify-decisions.ts); a tap opens the case.
 *   Sealed cases and photos need the data key, which the worker only borrows from an unlocked window
 *   for the run (data-key-request.ts); without one it pulls and leaves the pushes waiting.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { setKeySource } from '../src/device/data-key';
import { watchForRevocation } from '../src/device/device-wipe';
import { deviceStateStored } from '../src/device/device-wipe-state';
import { runSync, SYNC_LOCK_NAME } from '../src/device/sync-run';
import { dataKeyFromWindows } from './data-key-request';
import { notifyPulledDecisions, openNotification } from './notify-decisions';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

setKeySource(() => dataKeyFromWindows(self));
// A DEVICE_REVOKED heard here, maybe with no page open, is kept for the next app start (device-wipe-state).
watchForRevocation();

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

/** The Background Sync event (not in TypeScript's WebWorker lib). */
type SyncEvent = ExtendableEvent & { tag: string };

function isSyncEvent(event: Event): event is SyncEvent {
  return event instanceof ExtendableEvent && 'tag' in event && typeof event.tag === 'string';
}

/**
 * Rejecting tells the browser to fire `sync` again later (with its own backoff): do so only while
 * cases are still waiting after a failed run. 'busy' means a page is syncing right now; it will
 * register the tag again if work remains.
 */
async function backgroundSync(): Promise<void> {
  const summary = await runSync();
  await deviceStateStored();
  if (summary.pulled > 0) await notifyPulledDecisions(self);
  if ((summary.outcome === 'offline' || summary.outcome === 'failed') && summary.waiting > 0)
    throw new Error(`Sync ${summary.outcome}; ${String(summary.waiting)} case(s) still waiting`);
}

self.addEventListener('sync', (event) => {
  if (isSyncEvent(event) && event.tag === SYNC_LOCK_NAME) event.waitUntil(backgroundSync());
});

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(openNotification(self, event.notification));
});
