import { useCallback, useEffect, useState } from 'react';
import { estimateStorage, type StorageStatus } from '../../device/storage';

/** Used and free space and the persistence state (null until read); `refresh` reads them again. */
export function useStorageStatus(): { status: StorageStatus | null; refresh: () => Promise<void> } {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const refresh = useCallback(async () => {
    setStatus(await estimateStorage());
  }, []);
  useEffect(() => {
    let current = true;
    void estimateStorage().then((next) => {
      if (current) setStatus(next);
    });
    return () => {
      current = false;
    };
  }, []);
  return { status, refresh };
}
