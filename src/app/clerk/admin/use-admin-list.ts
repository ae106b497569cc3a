import { useCallback, useEffect, useState } from 'react';

export type AdminList<T> = {
  data: T | null;
  failure: unknown;
  /** Loads again (after a change, or 重试 after a failure), keeping what is shown meanwhile. */
  reload: () => void;
};

/** One admin list from `load` (a stable device/ function), loaded on mount and on reload. */
export function useAdminList<T>(load: (signal: AbortSignal) => Promise<T>): AdminList<T> {
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setFailure(null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFailure(error);
      },
    );
    return () => {
      controller.abort();
    };
  }, [load, attempt]);
  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  return { data, failure, reload };
}
