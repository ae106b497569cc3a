import { useEffect, useRef } from 'react';

/** Two triggers this close together (focus and visibilitychange fire as a pair) count as one. */
const MIN_GAP_MS = 2_000;

/**
 * Calls `refresh` every `intervalMs` while the page is visible, and when the window regains focus or
 * the tab becomes visible again — so a queue left open all day stays current without a reload.
 */
export function useAutoRefresh(refresh: () => void, intervalMs: number): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  }, [refresh]);

  useEffect(() => {
    let last = Date.now();
    const run = (): void => {
      if (document.visibilityState !== 'visible' || Date.now() - last < MIN_GAP_MS) return;
      last = Date.now();
      latest.current();
    };
    const timer = setInterval(run, intervalMs);
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', run);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', run);
    };
  }, [intervalMs]);
}
