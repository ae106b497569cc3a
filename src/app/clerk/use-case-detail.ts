import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '../../domain/workbench';
import { fetchCaseDetail } from '../../device/sync-workbench';

export type CaseDetailState = {
  detail: CaseDetail | null;
  /** The last load's failure (the case on screen, if any, stays). */
  failure: unknown;
  reloading: boolean;
  reload: () => Promise<void>;
  /** Shows the case as the server answered an action. */
  replace: (detail: CaseDetail) => void;
};

/** One case for the case screen (mounted per case id): loaded on arrival, reloaded on demand. */
export function useCaseDetail(caseId: string): CaseDetailState {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [reloading, setReloading] = useState(false);

  const load = useCallback(async () => {
    try {
      const next = await fetchCaseDetail(caseId);
      setDetail(next);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, [caseId]);

  useEffect(() => {
    let current = true;
    fetchCaseDetail(caseId).then(
      (next) => {
        if (current) setDetail(next);
      },
      (error: unknown) => {
        if (current) setFailure(error);
      },
    );
    return () => {
      current = false;
    };
  }, [caseId]);

  const reload = useCallback(async () => {
    setReloading(true);
    try {
      await load();
    } finally {
      setReloading(false);
    }
  }, [load]);

  const replace = useCallback((next: CaseDetail) => {
    setDetail(next);
    setFailure(null);
  }, []);

  return { detail, failure, reloading, reload, replace };
}
