import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncSummary } from './sync-run';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  nextDelayMs,
  startSyncScheduler,
  type SchedulerEnvironment,
  type SyncScheduler,
} from './sync-scheduler';

const summary = (outcome: SyncSummary['outcome'], waiting = 0): SyncSummary => ({
  outcome,
  sent: 0,
  resubmitted: 0,
  setAside: 0,
  waiting,
  pulled: 0,
  error: null,
});

type Timer = { callback: () => void; ms: number };

function fakeEnvironment(outcomes: SyncSummary[]) {
  const timers: Timer[] = [];
  const network = new EventTarget();
  const visibilityTarget = new EventTarget();
  let visible = true;
  const registered: string[] = [];
  const env: SchedulerEnvironment = {
    run: vi.fn(() => Promise.resolve(outcomes.shift() ?? summary('done'))),
    network,
    visibility: { target: visibilityTarget, isVisible: () => visible },
    registerBackgroundSync: () => {
      registered.push('daiban-sync');
      return Promise.resolve();
    },
    random: () => 0.5,
    setTimer: (callback, ms) => {
      const timer = { callback, ms };
      timers.push(timer);
      return () => {
        timers.splice(timers.indexOf(timer), 1);
      };
    },
  };
  return {
    env,
    timers,
    network,
    registered,
    setVisible(value: boolean) {
      visible = value;
      visibilityTarget.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('when the phone syncs', () => {
  let scheduler: SyncScheduler | undefined;
  afterEach(() => {
    scheduler?.stop();
    scheduler = undefined;
  });

  it('the app starting, coming online and becoming visible at the same moment cause one run, not three', async () => {
    const fake = fakeEnvironment([]);
    scheduler = startSyncScheduler(fake.env);
    fake.network.dispatchEvent(new Event('online'));
    fake.setVisible(true);
    await settle();
    expect(fake.env.run).toHaveBeenCalledTimes(1);
  });

  it('a case submitted while a run is going gets exactly one more run right after it', async () => {
    let finish: (value: SyncSummary) => void = () => undefined;
    const fake = fakeEnvironment([]);
    fake.env.run = vi.fn(
      () =>
        new Promise<SyncSummary>((resolve) => {
          finish = resolve;
        }),
    );
    scheduler = startSyncScheduler(fake.env);
    await settle();
    const a = scheduler.request('submit');
    const b = scheduler.request('manual');
    finish(summary('done'));
    await settle();
    finish(summary('done'));
    await Promise.all([a, b]);
    expect(fake.env.run).toHaveBeenCalledTimes(2);
    expect(fake.registered).toContain('daiban-sync');
  });

  it('a hidden page turning visible syncs; hiding it does not', async () => {
    const fake = fakeEnvironment([]);
    scheduler = startSyncScheduler(fake.env);
    await settle();
    fake.setVisible(false);
    await settle();
    expect(fake.env.run).toHaveBeenCalledTimes(1);
    fake.setVisible(true);
    await settle();
    expect(fake.env.run).toHaveBeenCalledTimes(2);
  });

  it('failures back off 30 s, 60 s, 120 s … and a success returns to the slow pull', async () => {
    const fake = fakeEnvironment([
      summary('offline', 2),
      summary('offline', 2),
      summary('offline', 2),
      summary('done'),
    ]);
    scheduler = startSyncScheduler(fake.env);
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await settle();
      expect(fake.timers).toHaveLength(1);
      const timer = fake.timers.shift();
      delays.push(timer?.ms ?? -1);
      timer?.callback();
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, BACKOFF_MAX_MS]);
    expect(fake.registered.length).toBeGreaterThan(0);
  });

  it('the backoff never passes 30 min and its jitter stays within ±20 %', () => {
    expect(nextDelayMs(20, () => 0.5)).toBe(BACKOFF_MAX_MS);
    expect(nextDelayMs(1, () => 0)).toBe(BACKOFF_BASE_MS * 0.8);
    expect(nextDelayMs(1, () => 1)).toBe(BACKOFF_BASE_MS * 1.2);
  });

  it('a signed-out phone stops the timer until something asks again', async () => {
    const fake = fakeEnvironment([summary('signed-out')]);
    scheduler = startSyncScheduler(fake.env);
    await settle();
    expect(fake.timers).toHaveLength(0);
  });
});
