/**
 * Registers the service worker and tracks whether a new app version is waiting.
 *
 * Invariant: the page reloads only because the user asked (立即更新 / 刷新). A new version is
 * announced, never forced — an automatic reload could wipe a half-filled form (DESIGN §5).
 * Checks for a new version when the page becomes visible again and every 30 minutes; both are
 * skipped while offline.
 */
import { Workbox } from 'workbox-window';

export type UpdateState =
  /** Nothing to announce. */
  | { kind: 'idle' }
  /** A new version is installed and waiting for the user's go-ahead. */
  | { kind: 'available' }
  /** The user agreed; waiting for the new version to take control, then reloading. */
  | { kind: 'applying' }
  /** Another tab applied the update; this page still runs the old code until it reloads. */
  | { kind: 'activated-elsewhere' };

const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

let state: UpdateState = { kind: 'idle' };
const listeners = new Set<() => void>();
let workbox: Workbox | null = null;
let registration: ServiceWorkerRegistration | null = null;
let reloadRequested = false;

function setState(next: UpdateState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** useSyncExternalStore subscribe for the update banner. */
export function subscribeToUpdates(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
  };
}

/** useSyncExternalStore snapshot for the update banner. */
export function getUpdateState(): UpdateState {
  return state;
}

function checkForUpdate(): void {
  if (!workbox || !navigator.onLine) return;
  void workbox.update().catch(() => undefined);
}

/** Registers /sw.js (production builds only — the dev server has no service worker). */
export function startServiceWorker(): void {
  if (workbox || !('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
  workbox = wb;

  wb.addEventListener('waiting', () => {
    if (state.kind !== 'applying') setState({ kind: 'available' });
  });
  wb.addEventListener('controlling', (event) => {
    if (reloadRequested) {
      window.location.reload();
      return;
    }
    // First install claims the page (isUpdate false): nothing changed for the user, say nothing.
    if (event.isUpdate) setState({ kind: 'activated-elsewhere' });
  });

  void wb
    .register()
    .then((result) => {
      registration = result ?? null;
    })
    .catch((error: unknown) => {
      console.warn('Service worker registration failed; the app will not work offline.', error);
    });

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkForUpdate();
  });
  window.setInterval(checkForUpdate, UPDATE_CHECK_INTERVAL_MS);
}

/** The user tapped 立即更新 (or 刷新): activate the waiting version, then reload once it controls. */
export function applyUpdate(): void {
  if (!workbox || !registration?.waiting) {
    window.location.reload();
    return;
  }
  reloadRequested = true;
  setState({ kind: 'applying' });
  workbox.messageSkipWaiting();
}

/** The user tapped 稍后: hide the banner until the next start of the app. */
export function dismissUpdate(): void {
  setState({ kind: 'idle' });
}
