/**
 * Autosave for a draft form: every change is scheduled and written at most `delayMs` later (≤ 300 ms),
 * and when the form unmounts. Writes run one after another in order; each writes the whole form, so
 * a failed write (a full disk) is made good by the next one.
 *
 * When the page is hidden (pagehide, visibilitychange → hidden: the last moments a phone gives before
 * it kills a tab, and what a reload fires) a pending value goes to `saveOnHide` instead, right inside
 * the event handler: a write that needs another turn of the event loop (a read, then a write) does
 * not happen once the page is gone. That is why a reload straight after typing loses nothing.
 */
import { useCallback, useEffect, useRef } from 'react';
import { actionErrorText } from './problem-text';

export type SaveState =
  { kind: 'idle' } | { kind: 'pending' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export const AUTOSAVE_DELAY_MS = 250;

export type Autosave<T> = {
  /** Remembers `value` as the latest and writes it soon. */
  schedule: (value: T) => void;
  /** Writes the latest value now (if any); resolves when every write so far is done. */
  flush: () => Promise<void>;
};

/**
 * @param save writes one value; must be stable (useCallback) for the lifetime of the form.
 * @param saveOnHide writes one value with every IndexedDB request issued synchronously; stable too.
 * @param onState receives pending / saved / failed; must be stable.
 */
export function useAutosave<T>(
  save: (value: T) => Promise<void>,
  saveOnHide: (value: T) => Promise<void>,
  onState: (state: SaveState) => void,
  delayMs: number = AUTOSAVE_DELAY_MS,
): Autosave<T> {
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const flush = useCallback((): Promise<void> => {
    if (timer.current !== null) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    const next = pending.current;
    if (!next) return chain.current;
    pending.current = null;
    chain.current = chain.current.then(async () => {
      try {
        await save(next.value);
        onState(pending.current ? { kind: 'pending' } : { kind: 'saved' });
      } catch (error) {
        onState({ kind: 'failed', message: actionErrorText(error) });
      }
    });
    return chain.current;
  }, [save, onState]);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      onState({ kind: 'pending' });
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void flush();
      }, delayMs);
    },
    [flush, onState, delayMs],
  );

  useEffect(() => {
    const writeNow = (): void => {
      if (timer.current !== null) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      const next = pending.current;
      if (!next) return;
      pending.current = null;
      const written = saveOnHide(next.value);
      chain.current = chain.current.then(() => written);
      onState({ kind: 'saved' });
    };
    const onPageHide = (): void => {
      writeNow();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') writeNow();
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush();
    };
  }, [flush, saveOnHide, onState]);

  return { schedule, flush };
}
