/**
 * Decides when runSync runs in a page: at start, when the browser comes back `online`, when the app
 * becomes visible again, right after a submit (`requestSync`), on the 立即同步 button, and on a timer —
 * exponential backoff with ±20 % jitter after failures (30 s doubling to 30 min), a slow 30 min pull
 * while all is well. Where the browser has Background Sync it also registers the 'daiban-sync' tag
 * while work is waiting, so the service worker's `sync` event can finish the job after the page is
 * closed (that event calls the same runSync).
 *
 * Invariants: triggers that arrive together become one run; a trigger that arrives during a run
 * causes exactly one more run after it (so a case submitted mid-run is never left waiting for the
 * timer); at most one timer is pending. Written against EventTarget and unknown globals so it also
 * type-checks under the service worker's WebWorker lib.
 */
import type { Subscribable } from './subscribable';
import { runSync, SYNC_LOCK_NAME, type SyncSummary } from './sync-run';

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 30 * 60_000;
/** While another page or the service worker holds the lock, look again this soon. */
export const BUSY_RETRY_MS = 5_000;

export type SyncTrigger = 'start' | 'online' | 'visible' | 'submit' | 'manual' | 'timer';

/** What the scheduler listens to and calls; the defaults come from the page's globals. */
export type SchedulerEnvironment = {
  run: () => Promise<SyncSummary>;
  /** Fires 'online' (the window). */
  network: EventTarget | null;
  /** Fires 'visibilitychange' (the document) and says whether the page is visible. */
  visibility: { target: EventTarget; isVisible: () => boolean } | null;
  /** Registers the Background Sync tag, where the browser has it. */
  registerBackgroundSync: (() => Promise<void>) | null;
  random: () => number;
  setTimer: (callback: () => void, ms: number) => () => void;
};

type VisibleDocument = EventTarget & { visibilityState: string };
type SyncRegistration = { sync: { register: (tag: string) => Promise<void> } };

function isEventTarget(value: unknown): value is EventTarget {
  return typeof value === 'object' && value !== null && 'addEventListener' in value;
}

function isVisibleDocument(value: unknown): value is VisibleDocument {
  return isEventTarget(value) && 'visibilityState' in value;
}

function hasSyncManager(value: unknown): value is SyncRegistration {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sync' in value &&
    typeof value.sync === 'object' &&
    value.sync !== null &&
    'register' in value.sync
  );
}

function pageEnvironment(): SchedulerEnvironment {
  const scope: { window?: unknown; document?: unknown; navigator?: { serviceWorker?: { ready: Promise<unknown> } } } =
    globalThis;
  const doc = scope.document;
  const container = scope.navigator?.serviceWorker;
  return {
    run: () => runSync(),
    network: isEventTarget(scope.window) ? scope.window : null,
    visibility: isVisibleDocument(doc) ? { target: doc, isVisible: () => doc.visibilityState === 'visible' } : null,
    registerBackgroundSync: container
      ? async () => {
          const registration = await container.ready;
          if (hasSyncManager(registration)) await registration.sync.register(SYNC_LOCK_NAME);
        }
      : null,
    random: Math.random,
    setTimer: (callback, ms) => {
      const id = setTimeout(callback, ms);
      return () => {
        clearTimeout(id);
      };
    },
  };
}

/** The delay before the timer's next run after `failures` failed runs in a row (0: all is well). */
export function nextDelayMs(failures: number, random: () => number): number {
  const base = failures === 0 ? BACKOFF_MAX_MS : Math.min(BACKOFF_BASE_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type SyncScheduler = {
  /** Asks for a run; resolves with the summary of the run that served it. */
  request: (trigger: SyncTrigger) => Promise<SyncSummary>;
  /** The last run's summary, emitted after every run (null before the first). */
  lastSummary: Subscribable<SyncSummary | null>;
  stop: () => void;
};

let active: SyncScheduler | null = null;

/** The page scheduler's last run and when the timer will run next, for the sync screen. */
export type SyncSchedule = { last: SyncSummary | null; nextRunAt: string | null };

let schedule: SyncSchedule = { last: null, nextRunAt: null };
const scheduleListeners = new Set<(value: SyncSchedule) => void>();

function publishSchedule(next: Partial<SyncSchedule>): void {
  schedule = { ...schedule, ...next };
  for (const listener of scheduleListeners) listener(schedule);
}

/** Emits the schedule now and whenever a run ends or the timer is set (both null before a start). */
export function observeSyncSchedule(): Subscribable<SyncSchedule> {
  return {
    subscribe(next) {
      scheduleListeners.add(next);
      next(schedule);
      return () => {
        scheduleListeners.delete(next);
      };
    },
  };
}

/**
 * Starts the page's scheduler (once; a second call returns the running one) and runs a first sync.
 * Call from the agent app after sign-in.
 */
export function startSyncScheduler(overrides: Partial<SchedulerEnvironment> = {}): SyncScheduler {
  if (active) return active;
  const env: SchedulerEnvironment = { ...pageEnvironment(), ...overrides };
  let failures = 0;
  let cancelTimer: (() => void) | null = null;
  let inFlight: Promise<SyncSummary> | null = null;
  /** Whether the run `inFlight` stands for has begun; until then new triggers simply join it. */
  let started = false;
  let queued: Promise<SyncSummary> | null = null;
  let last: SyncSummary | null = null;
  const listeners = new Set<(summary: SyncSummary | null) => void>();

  const scheduleIn = (ms: number): void => {
    cancelTimer?.();
    publishSchedule({ nextRunAt: new Date(Date.now() + ms).toISOString() });
    cancelTimer = env.setTimer(() => {
      cancelTimer = null;
      void request('timer');
    }, ms);
  };

  const afterRun = (summary: SyncSummary): void => {
    last = summary;
    for (const listener of listeners) listener(summary);
    publishSchedule({ last: summary, nextRunAt: null });
    if (summary.outcome === 'signed-out') {
      cancelTimer?.();
      cancelTimer = null;
      return;
    }
    if (summary.outcome === 'busy') {
      scheduleIn(BUSY_RETRY_MS);
      return;
    }
    failures = summary.outcome === 'done' ? 0 : failures + 1;
    scheduleIn(nextDelayMs(failures, env.random));
    if (summary.waiting > 0 && env.registerBackgroundSync) {
      env.registerBackgroundSync().catch(() => undefined);
    }
  };

  const runNow = async (): Promise<SyncSummary> => {
    started = true;
    const summary = await env.run();
    afterRun(summary);
    return summary;
  };

  function request(trigger: SyncTrigger): Promise<SyncSummary> {
    if (trigger === 'submit' && env.registerBackgroundSync) env.registerBackgroundSync().catch(() => undefined);
    if (inFlight && !started) return inFlight;
    if (!inFlight) {
      started = false;
      // A macrotask hop lets triggers fired by the same event (online + visible) share this run.
      inFlight = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(runNow).finally(() => {
        inFlight = null;
      });
      return inFlight;
    }
    queued ??= inFlight
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return request(trigger);
      });
    return queued;
  }

  const onOnline = (): void => {
    void request('online');
  };
  const onVisibility = (): void => {
    if (env.visibility?.isVisible()) void request('visible');
  };
  env.network?.addEventListener('online', onOnline);
  env.visibility?.target.addEventListener('visibilitychange', onVisibility);

  const scheduler: SyncScheduler = {
    request,
    lastSummary: {
      subscribe(next) {
        listeners.add(next);
        next(last);
        return () => {
          listeners.delete(next);
        };
      },
    },
    stop() {
      cancelTimer?.();
      cancelTimer = null;
      env.network?.removeEventListener('online', onOnline);
      env.visibility?.target.removeEventListener('visibilitychange', onVisibility);
      listeners.clear();
      if (active === scheduler) {
        active = null;
        publishSchedule({ last: null, nextRunAt: null });
      }
    },
  };
  active = scheduler;
  void request('start');
  return scheduler;
}

/** Stops the page's scheduler, if one runs (on sign-out): no more timers, no more event triggers. */
export function stopSyncScheduler(): void {
  active?.stop();
}

/**
 * Asks for a sync soon — after a submit (`'submit'`) or from the 立即同步 button (`'manual'`). With
 * the scheduler started it joins the pending run; without one (tests, the service worker) it runs
 * runSync directly. Never rejects.
 */
export function requestSync(trigger: SyncTrigger = 'manual'): Promise<SyncSummary> {
  return active ? active.request(trigger) : runSync();
}
