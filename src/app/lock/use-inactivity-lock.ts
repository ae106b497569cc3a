import { useEffect } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/**
 * Calls `onIdle` after `afterMs` without a touch, a key or a scroll. Timers sleep with the phone, so
 * coming back to a page hidden for longer than that also counts.
 */
export function useInactivityLock(enabled: boolean, afterMs: number, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled) return undefined;
    let last = Date.now();
    let timer = window.setTimeout(onIdle, afterMs);
    const touched = (): void => {
      last = Date.now();
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, afterMs);
    };
    const visible = (): void => {
      if (document.visibilityState === 'visible' && Date.now() - last >= afterMs) onIdle();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touched, { capture: true, passive: true });
    document.addEventListener('visibilitychange', visible);
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touched, { capture: true });
      document.removeEventListener('visibilitychange', visible);
    };
  }, [enabled, afterMs, onIdle]);
}
