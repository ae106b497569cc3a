import { useCallback, useEffect, useState } from 'react';

/** An answer with the key (the address) of the request it answered. */
export type Keyed<T> = { key: string; data: T };

export type KeyedFetch<T> = {
  /** The last answer received — perhaps for the previous key while the current one loads. */
  loaded: Keyed<T> | null;
  /** The failure of the current key's request, if it failed. */
  failure: unknown;
  /** Whether `loaded` answers the current key. */
  current: boolean;
  retry: () => void;
  /** Puts a newer answer for the current key on screen (e.g. what a save returned). */
  replace: (data: T) => void;
};

/**
 * Fetches `load` whenever `key` changes (the key alone decides: `load` may be a new closure each
 * render), keeping the previous answer on screen until the next arrives. Only the newest request may
 * write — one still in flight when the key changes is aborted — so a slow old answer never replaces a
 * newer one. Nothing is fetched while `enabled` is false.
 */
export function useKeyedFetch<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  enabled = true,
): KeyedFetch<T> {
  const [loaded, setLoaded] = useState<Keyed<T> | null>(null);
  const [failed, setFailed] = useState<{ key: string; error: unknown } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setLoaded({ key, data });
        setFailed(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailed({ key, error });
      },
    );
    return () => {
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt, enabled]);

  const retry = useCallback(() => {
    setFailed(null);
    setAttempt((n) => n + 1);
  }, []);
  const replace = useCallback(
    (data: T) => {
      setLoaded({ key, data });
    },
    [key],
  );
  const failure = failed?.key === key ? failed.error : null;
  return { loaded, failure, current: loaded?.key === key, retry, replace };
}
