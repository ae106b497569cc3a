import { useEffect, useState } from 'react';
import { countWorkToHandIn } from '../../device/device-wipe';
import { observeDeviceState } from '../../device/device-wipe-state';

/**
 * On a revoked phone, how many cases and 补正 answers wait to be handed in before it wipes (counted
 * from the fields stored in the clear, so while locked too); null while the phone is in use, or
 * until counted.
 */
export function useRevokedWork(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const stop = observeDeviceState().subscribe((state) => {
      if (state !== 'revoked') {
        setCount(null);
        return;
      }
      countWorkToHandIn().then(
        (n) => {
          if (live) setCount(n);
        },
        () => undefined,
      );
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  return count;
}
